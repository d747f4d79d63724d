package io.jsonmig.notification.plan;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.state.RunState;

import java.util.Arrays;
import java.util.List;

/**
 * A dry run rehearses the migration in a throwaway schema and cuts nothing over, so the plan tells
 * operators and stakeholders that it is one, and tells users nothing at all: a rehearsal must not
 * announce maintenance to them.
 */
final class DryRun {

    private DryRun() {
    }

    /** Whether the run is a dry run: its spec says so, or the event is the one that ends a dry run. */
    static boolean is(EventEnvelope event, RunState state) {
        return event.type() == EventType.DRY_RUN_COMPLETED || is(state);
    }

    static boolean is(RunState state) {
        return state.spec() != null && state.spec().dryRun();
    }

    /** The audiences a message goes to: all of them, or for a dry run all but users. */
    static List<String> told(boolean dryRun, String... audiences) {
        return Arrays.stream(audiences).filter(audience -> !dryRun || !Audience.USERS.equals(audience)).toList();
    }
}
