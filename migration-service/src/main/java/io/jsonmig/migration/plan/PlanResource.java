package io.jsonmig.migration.plan;

import io.jsonmig.support.auth.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import io.jsonmig.support.messaging.PhaseFailure;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * {@code POST /plans}: the mapping plan inferred for a source and a target profile, from the
 * target's catalog as it is now. Blocking: it reads every record of the source and the catalog.
 */
@Path("/plans")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PlanResource {

    /** Why a plan was refused; {@code problems} lists each one. */
    public record PlanProblem(String message, List<String> problems) {
    }

    private final MappingPlans plans;

    public PlanResource(MappingPlans plans) {
        this.plans = plans;
    }

    @APIResponse(responseCode = "200", description = "The mapping plan: each collection's table, each field's column and conversion")
    @APIResponse(responseCode = "400", description = "no plan for this source and target: problems lists each reason", content = @Content(schema = @Schema(implementation = PlanProblem.class)))
    @APIResponse(responseCode = "502", description = "the target cannot be reached or read", content = @Content(schema = @Schema(implementation = PlanProblem.class)))
    @RolesAllowed(ApiRoles.OPERATOR)
    @POST
    public PlanDocument plan(PlanRequest request) {
        return plans.plan(request);
    }

    @ServerExceptionMapper
    RestResponse<PlanProblem> refused(PlanRefused e) {
        return RestResponse.status(Response.Status.BAD_REQUEST, new PlanProblem(e.getMessage(), e.problems()));
    }

    /** The target cannot be reached or read: not the request's fault. */
    @ServerExceptionMapper
    RestResponse<PlanProblem> targetFailed(PhaseFailure e) {
        return RestResponse.status(Response.Status.BAD_GATEWAY, new PlanProblem(e.getMessage(), e.problems()));
    }
}
