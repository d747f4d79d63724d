package io.jsonmig.notification.rest;

import io.jsonmig.events.serde.EventJson;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * HTTP responses follow the events' JSON rules (ISO-8601 instants, wire names of event types, no
 * null fields), so a run state reads the same over HTTP as in the event stream.
 */
public class EventJsonObjectMapper {

    @Produces
    @Singleton
    ObjectMapper objectMapper() {
        return EventJson.mapper().copy();
    }
}
