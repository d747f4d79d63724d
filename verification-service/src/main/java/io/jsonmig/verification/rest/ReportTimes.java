package io.jsonmig.verification.rest;

import io.quarkus.qute.TemplateExtension;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times on the report's page as people read them: {@code {at.readable}}, {@code {at.clock}}. */
@TemplateExtension
final class ReportTimes {

    private static final DateTimeFormatter READABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private ReportTimes() {
    }

    /** {@code 2026-12-07 03:38:35 UTC}; empty for none. */
    static String readable(Instant at) {
        return at == null ? "" : READABLE.format(at);
    }

    /** {@code 03:38:35}; empty for none. */
    static String clock(Instant at) {
        return at == null ? "" : CLOCK.format(at);
    }
}
