package io.jsonmig.events.payload;

import java.util.List;

/** Every check agreed. Followed by {@link CutoverReady}. */
public record VerificationPassed(RunSpec spec, List<CollectionCheck> checks, String reportLocation)
        implements EventPayload {

    @Override
    public String describe() {
        return "verification passed: " + checks.size() + " check(s) agree";
    }
}
