package io.jsonmig.cli.runs;

import io.jsonmig.events.serde.EventJson;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.PrintWriter;

/**
 * Prints a {@code --json} document, alone on stdout, in the events' JSON form: ISO-8601 UTC instants,
 * enums by name, members without a value left out.
 */
public final class JsonOutput {

    private JsonOutput() {
    }

    public static void print(Object document, PrintWriter out) {
        try {
            out.println(EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + document.getClass().getSimpleName() + " as JSON", e);
        }
        out.flush();
    }
}
