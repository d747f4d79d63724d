package io.jsonmig.support.preflight;

import io.jsonmig.support.auth.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.events.preflight.PreflightReport;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * {@code POST /preflight} of a service: its part of a run's pre-flight checklist, made with the checks its
 * phase runs and changing nothing. A service's resource names the path and says which checks it makes.
 */
public abstract class PreflightEndpoint {

    private final String service;

    protected PreflightEndpoint(String service) {
        this.service = service;
    }

    /** This service's checks of the run, each passed or failed with its reason and fix. */
    protected abstract List<PreflightCheck> check(RunSpec spec);

    @APIResponse(responseCode = "200", description = "This service's checks of the run, each passed or failed with its reason and fix", content = @Content(schema = @Schema(implementation = PreflightReport.class)))
    @APIResponse(responseCode = "400", description = "the body is not a run spec", content = @Content(schema = @Schema(example = "{\"error\": \"the body is not a run spec: ...\"}")))
    @RolesAllowed(ApiRoles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String preflight(String body) {
        return PreflightJson.write(new PreflightReport(service, check(PreflightJson.runSpec(body))));
    }
}
