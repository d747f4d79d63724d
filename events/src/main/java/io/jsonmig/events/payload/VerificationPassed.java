package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** Every check agreed. Followed by {@link CutoverReady}. */
public record VerificationPassed(@JsonProperty(required = true) RunSpec spec,
                                 @JsonProperty(required = true) List<CollectionCheck> checks,
                                 String reportLocation)
        implements EventPayload {

    @Override
    public String describe() {
        return "verification passed: " + checks.size() + " check(s) agree";
    }
}
