package io.jsonmig.notification.status;

import io.jsonmig.events.Phase;
import io.jsonmig.events.state.PhaseStatus;
import io.jsonmig.events.state.RunStatus;

/**
 * The one place that says, in words and a colour, where a run and each of its phases stand. A new run
 * status or phase is one more line here; the page, its script and the run list only show what this says.
 */
public final class StatusWords {

    /**
     * A badge: its word and its tone, the colour class of the stylesheet ({@code tone-<tone>}).
     * Tones: {@code ok} green, {@code warn} amber, {@code bad} red, {@code active} blue, {@code idle} grey.
     */
    public record Badge(String word, String tone) {
    }

    private StatusWords() {
    }

    /** A run's badge: a rolled-back run is not a success, a failed compensation needs an operator. */
    public static Badge of(RunStatus status) {
        return switch (status) {
            case REQUESTED -> new Badge("requested", "idle");
            case RUNNING -> new Badge("running", "active");
            case STABILIZING -> new Badge("cut over, window open", "active");
            case COMPLETED -> new Badge("completed", "ok");
            case ROLLING_BACK -> new Badge("rolling back", "warn");
            case ROLLED_BACK -> new Badge("rolled back", "warn");
            case FAILED -> new Badge("rollback failed", "bad");
        };
    }

    /**
     * A phase's badge as the run sees it: a phase still pending when the run is over (or going back) was
     * not run, and a completed run needed no rollback.
     */
    public static Badge of(Phase phase, PhaseStatus status, RunStatus run) {
        if (phase == Phase.ROLLBACK && run == RunStatus.COMPLETED
                && (status == PhaseStatus.PENDING || status == PhaseStatus.SKIPPED)) {
            return new Badge("not needed", "idle");
        }
        if (phase == Phase.STABILIZATION) {
            switch (status) {
                case RUNNING -> {
                    return new Badge("window open", "active");
                }
                case SUCCEEDED -> {
                    return new Badge("finalized", "ok");
                }
                case FAILED -> {
                    return new Badge("ended by a rollback", "warn");
                }
                case SKIPPED -> {
                    return new Badge("no window", "idle");
                }
                case PENDING -> {
                }
            }
        }
        if (status == PhaseStatus.PENDING && phase != Phase.ROLLBACK
                && (run.isTerminal() || run == RunStatus.ROLLING_BACK)) {
            return new Badge("not run", "idle");
        }
        return switch (status) {
            case PENDING -> new Badge("pending", "idle");
            case RUNNING -> new Badge("running", "active");
            case SUCCEEDED -> new Badge("succeeded", "ok");
            case FAILED -> new Badge("failed", "bad");
            case SKIPPED -> new Badge("skipped", "idle");
        };
    }

    /** A phase's name for people. */
    public static String name(Phase phase) {
        return switch (phase) {
            case BACKUP -> "Backup";
            case MIGRATION -> "Migration";
            case VERIFICATION -> "Verification";
            case CUTOVER -> "Cut-over";
            case STABILIZATION -> "Stabilization window";
            case ROLLBACK -> "Rollback";
        };
    }
}
