package io.jsonmig.notification.rest;

import io.jsonmig.support.auth.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import io.jsonmig.events.state.RunState;
import io.jsonmig.notification.timeline.RunSummary;
import io.jsonmig.notification.timeline.Timeline;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** The runs and their timelines, as notification-service has seen them in the event stream. */
@Path("/migrations")
@Produces(MediaType.APPLICATION_JSON)
public class MigrationResource {

    static final int MAX_LIMIT = 1000;

    private final Timeline timeline;

    public MigrationResource(Timeline timeline) {
        this.timeline = timeline;
    }

    /** Runs, newest first. */
    @APIResponse(responseCode = "200", description = "The runs, newest first")
    @APIResponse(responseCode = "400", description = "invalid limit: expected a whole number in range", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    public List<RunSummary> list(@RestQuery @DefaultValue("100") String limit) {
        return timeline.newestFirst(parseLimit(limit));
    }

    private static int parseLimit(String limit) {
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new BadRequestException("invalid limit '" + limit + "': expected a whole number from 1 to " + MAX_LIMIT);
    }

    /** Everything known about one run: status, phases, timeline, progress, checks, rollback. */
    @APIResponse(responseCode = "200", description = "Where the run is: its phase, status and figures")
    @APIResponse(responseCode = "400", description = "invalid migrationId: a run id looks like mig-20261125-153600-7f3a", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @APIResponse(responseCode = "404", description = "unknown run: no event of it has been received", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    @Path("/{migrationId}")
    public RunState run(@RestPath String migrationId) {
        RunIdParam.requireValid(migrationId);
        return timeline.state(migrationId).orElseThrow(() -> new NotFoundException(
                "unknown run " + migrationId + ": no event of it has been received"));
    }

    @ServerExceptionMapper
    RestResponse<ErrorMessage> toErrorMessage(WebApplicationException e) {
        return RestResponse.status(e.getResponse().getStatusInfo(), new ErrorMessage(e.getMessage()));
    }
}
