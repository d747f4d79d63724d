package io.jsonmig.cli.watch;

import io.jsonmig.cli.runs.RunTexts;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.StabilizationWindow;

import java.time.Duration;
import java.time.Instant;

/** How the CLI speaks of a run's stabilization window: how long it lasts, and the two ways out of it. */
public final class WindowTexts {

    private WindowTexts() {
    }

    /** A run cut over with its window open: what it means now, and what the operator can do. */
    public static String cutOver(RunState state, Instant now) {
        StabilizationWindow window = state.stabilization();
        String id = state.migrationId();
        String open = window == null || window.endsAt() == null ? "its stabilization window is open"
                : "its stabilization window of " + RunTexts.duration(window.window()) + " is open until "
                + RunTexts.dateTime(window.endsAt()) + " (" + RunTexts.duration(window.remainingAt(now)) + " left)";
        return "verified and cut over; " + open + ", its cut-over snapshot kept; to go back to the JSON files with "
                + "every write made in PostgreSQL: ./jsonmig rollback " + id + " --trigger functionality|performance|"
                + "integrity|security --reason TEXT; the run is COMPLETED when the window ends, or now with: "
                + "./jsonmig finalize " + id;
    }

    /**
     * Whether a phase belongs on the run's screens: the stabilization window only for a run that has or
     * asks for one, so a run without it shows the phases it always had.
     */
    public static boolean shows(RunState state, io.jsonmig.events.Phase phase) {
        if (phase != io.jsonmig.events.Phase.STABILIZATION) {
            return true;
        }
        return state.stabilization() != null
                || state.spec() != null && state.spec().effectiveStabilization().hasWindow();
    }

    /** One line for tables: the window's end and time left, or how it ended. */
    public static String brief(RunState state, Instant now) {
        StabilizationWindow window = state.stabilization();
        if (window == null) {
            return null;
        }
        if (window.isFinalized()) {
            return "finalized " + RunTexts.dateTime(window.finalizedAt());
        }
        if (window.rolledBackAt() != null) {
            return "ended by a rollback at " + RunTexts.dateTime(window.rolledBackAt());
        }
        if (window.endsAt() == null) {
            return "open";
        }
        return "open, " + RunTexts.duration(window.remainingAt(now)) + " left (until "
                + RunTexts.dateTime(window.endsAt()) + ")";
    }
}
