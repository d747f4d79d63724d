package io.jsonmig.cli.start;

import io.jsonmig.events.payload.RunSpec;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** An audience and its e-mail addresses typed as one flag value: {@code AUDIENCE=EMAIL[,EMAIL...]}. */
final class NotifyFlag {

    static final String FORM = "AUDIENCE=EMAIL[,EMAIL...]";

    private NotifyFlag() {
    }

    /** The audience and its addresses, or an {@link IllegalArgumentException} saying what is wrong with {@code text}. */
    static Map.Entry<String, List<String>> parse(String text) {
        int audienceEnd = text.indexOf('=');
        if (audienceEnd <= 0 || text.substring(audienceEnd + 1).isBlank()) {
            throw invalid(text, "expected " + FORM + ", e.g. stakeholders=cto@example.com,pm@example.com");
        }
        String audience = text.substring(0, audienceEnd).trim();
        List<String> addresses = Arrays.stream(text.substring(audienceEnd + 1).split(",")).map(String::trim).toList();
        try {
            RunSpec.requireValidAudience(audience);
            addresses.forEach(address -> RunSpec.requireValidEmail(audience, address));
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
        return Map.entry(audience, addresses);
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("'" + text + "': " + why);
    }
}
