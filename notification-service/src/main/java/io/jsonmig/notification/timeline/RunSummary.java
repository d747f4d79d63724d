package io.jsonmig.notification.timeline;

import io.jsonmig.events.Phase;
import io.jsonmig.events.state.RunStatus;

import java.time.Instant;

/**
 * One line of the run list.
 *
 * @param dryRun a rehearsal into a throwaway schema ({@code RunSpec.dryRun}): nothing is cut over
 */
public record RunSummary(String migrationId, RunStatus status, Phase phase, Instant startedAt, Instant updatedAt,
                         String targetProfile, String failureReason, boolean dryRun) {
}
