package io.jsonmig.verification.rest;

import io.jsonmig.events.MigrationIds;
import io.jsonmig.verification.config.VerificationConfig;
import io.jsonmig.verification.report.VerificationReport;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.Map;
import java.util.Optional;

@Path(VerificationResource.PATH)
public class VerificationResource {

    public static final String PATH = "/verifications";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance report(VerificationReport report, String statusPage);
    }

    private final VerificationConfig config;

    public VerificationResource(VerificationConfig config) {
        this.config = config;
    }

    /** The verification report of a run's latest attempt. */
    @APIResponse(responseCode = "200", description = "The verification report of the run's latest attempt", content = @Content(schema = @Schema(implementation = VerificationReport.class)))
    @APIResponse(responseCode = "400", description = "invalid migration id: a run id looks like mig-20261125-153600-7f3a", content = @Content(schema = @Schema(example = "{\"error\": \"invalid migration id ...\"}")))
    @APIResponse(responseCode = "404", description = "no verification report: the run's data has not been verified (yet)", content = @Content(schema = @Schema(example = "{\"error\": \"no verification report for run ...\"}")))
    @GET
    @Path("/{migrationId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response report(@PathParam("migrationId") String migrationId) {
        return find(migrationId, MediaType.APPLICATION_JSON_TYPE).map(report -> Response.ok(report).build())
                .orElseGet(() -> refusal(migrationId, MediaType.APPLICATION_JSON_TYPE));
    }

    /** The same report as a page for people: summary and failures first. */
    @APIResponse(responseCode = "200", description = "The same report as a page for people: summary and failures first")
    @APIResponse(responseCode = "400", description = "invalid migration id (plain text)")
    @APIResponse(responseCode = "404", description = "no verification report for the run (yet) (plain text)")
    @GET
    @Path("/{migrationId}.html")
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("migrationId") String migrationId) {
        return find(migrationId, MediaType.TEXT_HTML_TYPE)
                .map(report -> Response.ok(Templates.report(report, config.statusPublicUrl().replaceAll("/+$", "")
                        + "/status/" + report.migrationId)).build())
                .orElseGet(() -> refusal(migrationId, MediaType.TEXT_HTML_TYPE));
    }

    private static Optional<VerificationReport> find(String migrationId, MediaType type) {
        return MigrationIds.isValid(migrationId) ? VerificationReport.latestFor(migrationId) : Optional.empty();
    }

    private static Response refusal(String migrationId, MediaType type) {
        boolean valid = MigrationIds.isValid(migrationId);
        Response.Status status = valid ? Response.Status.NOT_FOUND : Response.Status.BAD_REQUEST;
        String message = valid
                ? "no verification report for run " + migrationId + ": its data has not been verified (yet)"
                : "invalid migration id '" + migrationId + "': a run id looks like mig-20261125-153600-7f3a";
        if (type.equals(MediaType.TEXT_HTML_TYPE)) {
            return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(message + "\n").build();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message)).build();
    }
}
