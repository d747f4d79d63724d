package io.jsonmig.support.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightReport;
import io.jsonmig.events.serde.EventJson;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import java.util.Map;

/**
 * The JSON of {@code POST /preflight} in every service: a {@link RunSpec} in, a {@link PreflightReport}
 * out, both in the events' JSON form ({@link EventJson#mapper()}), so the CLI reads every service alike.
 */
public final class PreflightJson {

    private PreflightJson() {
    }

    /** The run to check; a body that is not one is refused with 400 and {@code {"error": ...}} saying why. */
    public static RunSpec runSpec(String body) {
        if (body == null || body.isBlank()) {
            throw refused("the request has no body: expected a run spec ({\"sourceDir\": ..., \"schemaDir\": ..., "
                    + "\"targetProfile\": ...})");
        }
        try {
            RunSpec spec = EventJson.mapper().readValue(body, RunSpec.class);
            if (spec == null) {
                throw refused("the body is null: expected a run spec");
            }
            return spec;
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw refused("invalid run spec: " + cause.getMessage());
        } catch (JsonProcessingException e) {
            throw refused("the body is not a run spec: " + e.getOriginalMessage());
        }
    }

    public static String write(PreflightReport report) {
        try {
            return EventJson.mapper().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the preflight report of " + report.service(), e);
        }
    }

    private static BadRequestException refused(String message) {
        return new BadRequestException(Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build());
    }
}
