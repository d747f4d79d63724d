package io.jsonmig.notification.rest;

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
