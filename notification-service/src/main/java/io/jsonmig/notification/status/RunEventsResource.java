package io.jsonmig.notification.status;

import io.jsonmig.support.auth.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.notification.rest.ErrorMessage;
import io.jsonmig.notification.rest.RunIdParam;
import io.jsonmig.notification.timeline.Timeline;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.util.regex.Pattern;

/**
 * A run's events as Server-Sent Events: {@code event:} the event type, {@code id:} the event id,
 * {@code data:} a {@link StatusEvent} as JSON; a comment line every heartbeat.
 */
@Path("/migrations/{migrationId}/events")
public class RunEventsResource {

    /** Event ids are UUIDs; this is looser, but keeps anything odd out of queries and logs. */
    private static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final Timeline timeline;
    private final RunUpdates updates;
    private final StatusConfig config;

    public RunEventsResource(Timeline timeline, RunUpdates updates, StatusConfig config) {
        this.timeline = timeline;
        this.updates = updates;
        this.config = config;
    }

    /**
     * @param lastEventIdHeader sent by a reconnecting browser: the stored events after it are replayed
     * @param lastEventId       the same for a first connection (the page passes the newest event it shows)
     */
    @APIResponse(responseCode = "200", description = "Server-sent events: the run's stored events after the last one seen, then each new one")
    @APIResponse(responseCode = "400", description = "invalid run id or last event id")
    @APIResponse(responseCode = "404", description = "unknown run: no event of it has been received")
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> stream(@RestPath String migrationId,
                                          @RestHeader("Last-Event-ID") String lastEventIdHeader,
                                          @RestQuery String lastEventId, @Context Sse sse) {
        RunIdParam.requireValid(migrationId);
        String resumeAfter = lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? lastEventIdHeader
                : lastEventId;
        if (resumeAfter != null && !EVENT_ID.matcher(resumeAfter).matches()) {
            throw new BadRequestException("invalid last event id: expected 1 to 100 letters, digits or . _ : -");
        }
        if (timeline.state(migrationId).isEmpty()) {
            throw new NotFoundException("unknown run " + migrationId + ": no event of it has been received");
        }
        Multi<OutboundSseEvent> events = updates.follow(migrationId, resumeAfter).map(event -> sse.newEventBuilder()
                .id(event.event().eventId())
                .name(event.event().type().wireName())
                .data(json(event))
                .build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().every(config.heartbeat())
                .map(tick -> sse.newEventBuilder().comment("heartbeat").build());
        return Multi.createBy().merging().streams(events, heartbeats);
    }

    private static String json(StatusEvent event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write event " + event.event().eventId(), e);
        }
    }

    @ServerExceptionMapper
    RestResponse<ErrorMessage> toErrorMessage(WebApplicationException e) {
        return RestResponse.ResponseBuilder.create(e.getResponse().getStatusInfo(), new ErrorMessage(e.getMessage()))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
