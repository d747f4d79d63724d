package io.jsonmig.verification.rest;

import io.jsonmig.support.auth.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
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
    /** Under a run's report: the report of its reverse sync's export. */
    public static final String REVERSE_SYNC = "/reverse-sync";

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
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    @Path("/{migrationId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response report(@PathParam("migrationId") String migrationId) {
        return json(migrationId, VerificationReport.FORWARD);
    }

    /** The same report as a page for people: summary and failures first. */
    @APIResponse(responseCode = "200", description = "The same report as a page for people: summary and failures first")
    @APIResponse(responseCode = "400", description = "invalid migration id (plain text)")
    @APIResponse(responseCode = "404", description = "no verification report for the run (yet) (plain text)")
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    @Path("/{migrationId}.html")
    @Produces(MediaType.TEXT_HTML)
    public Response page(@PathParam("migrationId") String migrationId) {
        return html(migrationId, VerificationReport.FORWARD);
    }

    /**
     * The verification of a run's reverse sync (a rollback after the cut-over): its export against the fenced
     * tables, in the forward report's format (no smoke checks), of the latest attempt that has one.
     */
    @APIResponse(responseCode = "200", description = "The verification report of the run's reverse sync: its export against the fenced tables, in the forward report's format (kind reverse-sync, no smoke checks)", content = @Content(schema = @Schema(implementation = VerificationReport.class)))
    @APIResponse(responseCode = "400", description = "invalid migration id: a run id looks like mig-20261125-153600-7f3a", content = @Content(schema = @Schema(example = "{\"error\": \"invalid migration id ...\"}")))
    @APIResponse(responseCode = "404", description = "no reverse sync verified: the run was not rolled back after its cut-over, or its export has not been verified (yet)", content = @Content(schema = @Schema(example = "{\"error\": \"no reverse sync verification report for run ...\"}")))
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    @Path("/{migrationId}" + REVERSE_SYNC)
    @Produces(MediaType.APPLICATION_JSON)
    public Response reverseSyncReport(@PathParam("migrationId") String migrationId) {
        return json(migrationId, VerificationReport.REVERSE_SYNC);
    }

    /** The reverse sync's report as a page for people, like the forward one's. */
    @APIResponse(responseCode = "200", description = "The reverse sync's verification report as a page for people: summary and failures first")
    @APIResponse(responseCode = "400", description = "invalid migration id (plain text)")
    @APIResponse(responseCode = "404", description = "no reverse sync verification report for the run (yet) (plain text)")
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    @Path("/{migrationId}" + REVERSE_SYNC + ".html")
    @Produces(MediaType.TEXT_HTML)
    public Response reverseSyncPage(@PathParam("migrationId") String migrationId) {
        return html(migrationId, VerificationReport.REVERSE_SYNC);
    }

    private Response json(String migrationId, String kind) {
        return find(migrationId, kind).map(report -> Response.ok(report).build())
                .orElseGet(() -> refusal(migrationId, kind, MediaType.APPLICATION_JSON_TYPE));
    }

    private Response html(String migrationId, String kind) {
        return find(migrationId, kind)
                .map(report -> Response.ok(Templates.report(report, config.statusPublicUrl().replaceAll("/+$", "")
                        + "/status/" + report.migrationId)).build())
                .orElseGet(() -> refusal(migrationId, kind, MediaType.TEXT_HTML_TYPE));
    }

    private static Optional<VerificationReport> find(String migrationId, String kind) {
        return MigrationIds.isValid(migrationId) ? VerificationReport.latestFor(migrationId, kind) : Optional.empty();
    }

    private static Response refusal(String migrationId, String kind, MediaType type) {
        boolean valid = MigrationIds.isValid(migrationId);
        Response.Status status = valid ? Response.Status.NOT_FOUND : Response.Status.BAD_REQUEST;
        String message;
        if (!valid) {
            message = "invalid migration id '" + migrationId + "': a run id looks like mig-20261125-153600-7f3a";
        } else if (kind.equals(VerificationReport.REVERSE_SYNC)) {
            message = "no reverse sync verification report for run " + migrationId + ": it was not rolled back "
                    + "after its cut-over, or its export has not been verified (yet)";
        } else {
            message = "no verification report for run " + migrationId + ": its data has not been verified (yet)";
        }
        if (type.equals(MediaType.TEXT_HTML_TYPE)) {
            return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(message + "\n").build();
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of("error", message)).build();
    }
}
