package io.jsonmig.notification.status;

import io.jsonmig.support.auth.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.annotation.security.PermitAll;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.state.RunState;
import io.jsonmig.notification.timeline.Timeline;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** The status page, for people: the runs, and one page per run that follows it live. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class StatusResource {

    @CheckedTemplate(basePath = "status")
    static class Templates {
        static native TemplateInstance runs(List<RunRow> runs);

        static native TemplateInstance run(RunPage page);

        static native TemplateInstance problem(String title, String message);
    }

    private final Timeline timeline;
    private final StatusConfig config;

    public StatusResource(Timeline timeline, StatusConfig config) {
        this.timeline = timeline;
        this.config = config;
    }

    @APIResponse(responseCode = "303", description = "Redirects to the status page, /status")
    @PermitAll
    @GET
    public RestResponse<Void> home() {
        return RestResponse.seeOther(URI.create("/status"));
    }

    @APIResponse(responseCode = "200", description = "The status page: the newest runs")
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    @Path("status")
    public TemplateInstance runs() {
        return Templates.runs(timeline.newestFirst(config.runsShown()).stream().map(RunRow::of).toList());
    }

    @APIResponse(responseCode = "200", description = "The page of one run, following it live")
    @APIResponse(responseCode = "400", description = "invalid run id (an HTML page saying so)")
    @APIResponse(responseCode = "404", description = "unknown run (an HTML page saying so)")
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    @Path("status/{migrationId}")
    public RestResponse<TemplateInstance> run(@RestPath String migrationId) {
        try {
            MigrationIds.requireValid(migrationId);
        } catch (IllegalArgumentException invalid) {
            return problem(Response.Status.BAD_REQUEST, "Invalid run id", invalid.getMessage());
        }
        // Events first: the state read after them holds at least these events.
        List<EventEnvelope> events = timeline.events(migrationId);
        Optional<RunState> state = timeline.state(migrationId);
        if (state.isEmpty()) {
            return problem(Response.Status.NOT_FOUND, "Unknown run",
                    "unknown run " + migrationId + ": no event of it has been received");
        }
        return RestResponse.ok(Templates.run(RunPage.of(state.get(), events,
                timeline.trace(migrationId).orElse(null))));
    }

    private static RestResponse<TemplateInstance> problem(Response.Status status, String title, String message) {
        return RestResponse.status(status, Templates.problem(title, message));
    }
}
