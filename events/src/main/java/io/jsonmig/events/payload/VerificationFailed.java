package io.jsonmig.events.payload;

import java.util.List;

/** At least one check disagreed; {@code summary} names them. Followed by a rollback request. */
public record VerificationFailed(RunSpec spec, List<CollectionCheck> checks, String summary,
                                 String reportLocation) implements EventPayload {

    @Override
    public String describe() {
        return "verification failed: " + summary;
    }
}
