package io.jsonmig.notification.subscription;

import io.jsonmig.support.auth.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Subscriptions over REST; the ones declared in configuration are listed but read-only. */
@Path("/subscriptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private final Subscriptions subscriptions;

    public SubscriptionResource(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @APIResponse(responseCode = "200", description = "Every subscription (secrets are never shown)")
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    public List<SubscriptionView> list() {
        return subscriptions.list();
    }

    @APIResponse(responseCode = "200", description = "The subscription")
    @APIResponse(responseCode = "404", description = "unknown subscription", content = @Content(schema = @Schema(implementation = SubscriptionProblem.class)))
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    @Path("/{name}")
    public SubscriptionView get(@RestPath String name) {
        return subscriptions.find(name).orElseThrow(() -> new NotFoundException("unknown subscription '" + name + "'"));
    }

    @APIResponse(responseCode = "201", description = "Created; Location names it", content = @Content(schema = @Schema(implementation = SubscriptionView.class)))
    @APIResponse(responseCode = "400", description = "invalid subscription: field names the part at fault", content = @Content(schema = @Schema(implementation = SubscriptionProblem.class)))
    @APIResponse(responseCode = "409", description = "a subscription of this name exists already", content = @Content(schema = @Schema(implementation = SubscriptionProblem.class)))
    @RolesAllowed(ApiRoles.OPERATOR)
    @POST
    public RestResponse<SubscriptionView> create(SubscriptionRequest request) {
        SubscriptionView created = subscriptions.create(requireBody(request));
        return RestResponse.ResponseBuilder.<SubscriptionView>created(
                UriBuilder.fromResource(SubscriptionResource.class).path(created.name()).build())
                .entity(created).build();
    }

    @APIResponse(responseCode = "200", description = "The subscription as replaced")
    @APIResponse(responseCode = "400", description = "invalid subscription: field names the part at fault", content = @Content(schema = @Schema(implementation = SubscriptionProblem.class)))
    @APIResponse(responseCode = "404", description = "unknown subscription", content = @Content(schema = @Schema(implementation = SubscriptionProblem.class)))
    @APIResponse(responseCode = "409", description = "the name would clash with another subscription", content = @Content(schema = @Schema(implementation = SubscriptionProblem.class)))
    @RolesAllowed(ApiRoles.OPERATOR)
    @PUT
    @Path("/{name}")
    public SubscriptionView replace(@RestPath String name, SubscriptionRequest request) {
        return subscriptions.replace(name, requireBody(request));
    }

    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "unknown subscription", content = @Content(schema = @Schema(implementation = SubscriptionProblem.class)))
    @APIResponse(responseCode = "409", description = "the subscription is a recipient named by a run in progress", content = @Content(schema = @Schema(implementation = SubscriptionProblem.class)))
    @RolesAllowed(ApiRoles.OPERATOR)
    @DELETE
    @Path("/{name}")
    public void delete(@RestPath String name) {
        subscriptions.delete(name);
    }

    private static SubscriptionRequest requireBody(SubscriptionRequest request) {
        if (request == null) {
            throw new InvalidSubscriptionException("body", "missing: expected a subscription as JSON");
        }
        return request;
    }

    @ServerExceptionMapper
    RestResponse<SubscriptionProblem> invalid(InvalidSubscriptionException e) {
        return RestResponse.status(Response.Status.BAD_REQUEST, new SubscriptionProblem(e.getMessage(), e.field()));
    }

    @ServerExceptionMapper
    RestResponse<SubscriptionProblem> conflict(SubscriptionConflictException e) {
        return RestResponse.status(Response.Status.CONFLICT, new SubscriptionProblem(e.getMessage(), null));
    }

    @ServerExceptionMapper
    RestResponse<SubscriptionProblem> other(WebApplicationException e) {
        return RestResponse.status(e.getResponse().getStatusInfo(), new SubscriptionProblem(e.getMessage(), null));
    }
}
