package io.jsonmig.verification.check;

import io.jsonmig.events.payload.CollectionCheck;

import java.util.List;

/** Every count check of a run and one line for people about them. */
public record CountVerdict(List<CountCheck> checks, String summary) {

    public CountVerdict {
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().allMatch(CountCheck::passed);
    }

    public List<CollectionCheck> collectionChecks() {
        return checks.stream().map(CountCheck::toCollectionCheck).toList();
    }
}
