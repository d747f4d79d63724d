package io.jsonmig.notification.delivery;

import io.jsonmig.support.auth.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.notification.rest.ErrorMessage;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The delivery ledger for operators: newest first, filtered by run and status. */
@Path("/deliveries")
@Produces(MediaType.APPLICATION_JSON)
public class DeliveryResource {

    /** The newest this many are shown; filter by run or status to see others. */
    static final int LIMIT = 1000;

    private final DeliveryLedger ledger;

    DeliveryResource(DeliveryLedger ledger) {
        this.ledger = ledger;
    }

    @APIResponse(responseCode = "200", description = "The newest deliveries (e-mail, Slack, webhooks) and their outcome")
    @APIResponse(responseCode = "400", description = "invalid migrationId or status", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    public List<DeliveryView> list(@RestQuery String migrationId, @RestQuery String status) {
        return ledger.list(migrationId(migrationId), status(status), LIMIT);
    }

    private static String migrationId(String migrationId) {
        if (migrationId == null || migrationId.isBlank()) {
            return null;
        }
        try {
            return MigrationIds.requireValid(migrationId);
        } catch (IllegalArgumentException invalid) {
            throw new BadRequestException(invalid.getMessage());
        }
    }

    private static DeliveryStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new BadRequestException("invalid status '" + status + "': expected one of "
                    + Arrays.toString(DeliveryStatus.values()));
        }
    }

    @ServerExceptionMapper
    RestResponse<ErrorMessage> toErrorMessage(WebApplicationException e) {
        return RestResponse.status(e.getResponse().getStatusInfo(), new ErrorMessage(e.getMessage()));
    }
}
