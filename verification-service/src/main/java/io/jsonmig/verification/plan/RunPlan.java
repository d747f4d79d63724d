package io.jsonmig.verification.plan;

import io.jsonmig.mappingplan.mapping.CollectionPlan;

import java.util.List;
import java.util.Optional;

/**
 * The run's mapping plan as the load applied it, fitted to the target as it is now; or why it no
 * longer fits (a table or column gone, the mapping file changed).
 *
 * @param defaultSchema the target's current schema (where {@code _jsonmig_rejects} lives)
 */
public record RunPlan(String defaultSchema, List<CollectionPlan> collections, List<String> problems) {

    public RunPlan {
        collections = List.copyOf(collections);
        problems = List.copyOf(problems);
    }

    public Optional<CollectionPlan> of(String collection) {
        return collections.stream().filter(c -> c.collection().equals(collection)).findFirst();
    }
}
