package io.jsonmig.events.payload;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** At least one check disagreed; {@code summary} names them. Followed by a rollback request. */
public record VerificationFailed(@JsonProperty(required = true) RunSpec spec,
                                 @JsonProperty(required = true) List<CollectionCheck> checks,
                                 @JsonProperty(required = true) String summary,
                                 String reportLocation) implements EventPayload {

    @Override
    public String describe() {
        return "verification failed: " + summary;
    }
}
