package io.jsonmig.cli.preflight;

import io.jsonmig.events.preflight.PreflightCheck;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the checklist: one of the CLI's own checks (Kafka, topics, a service's health) or a
 * service's preflight check.
 *
 * @param service  {@code kafka} or the service that answered it
 * @param headline what the line says before its detail: the CLI's own checks say what they found
 *                 there ({@code Kafka reachable at 127.0.0.1:9092}), a service's checks their name
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChecklistItem(String service, String name, boolean passed, String detail, String fix,
                            @JsonIgnore String headline) {

    static ChecklistItem of(String service, PreflightCheck check) {
        return new ChecklistItem(service, check.name(), check.passed(), check.detail(), check.fix(), check.name());
    }

    static ChecklistItem passed(String service, String name, String headline, String detail) {
        return new ChecklistItem(service, name, true, detail, null, headline);
    }

    static ChecklistItem failed(String service, String name, String headline, String detail, String fix) {
        return new ChecklistItem(service, name, false, detail, fix, headline);
    }

    static ChecklistItem notChecked(String service, String name, String because) {
        return new ChecklistItem(service, name, false, "not checked: " + because, null, name);
    }
}
