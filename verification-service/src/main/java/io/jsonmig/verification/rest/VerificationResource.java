package io.jsonmig.verification.rest;

import io.jsonmig.events.MigrationIds;
import io.jsonmig.verification.report.VerificationReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;

@Path(VerificationResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
public class VerificationResource {

    public static final String PATH = "/verifications";

    /** The verification report of a run's latest attempt. */
    @GET
    @Path("/{migrationId}")
    public Response report(@PathParam("migrationId") String migrationId) {
        if (!MigrationIds.isValid(migrationId)) {
            return error(Response.Status.BAD_REQUEST, "invalid migration id '" + migrationId
                    + "': a run id looks like mig-20261125-153600-7f3a");
        }
        return VerificationReport.latestFor(migrationId)
                .map(report -> Response.ok(report).build())
                .orElseGet(() -> error(Response.Status.NOT_FOUND, "no verification report for run " + migrationId
                        + ": its data has not been verified (yet)"));
    }

    private static Response error(Response.Status status, String message) {
        return Response.status(status).entity(Map.of("error", message)).build();
    }
}
