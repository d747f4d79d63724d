package io.jsonmig.cli.watch;

import java.time.Duration;
import java.time.Instant;

/** How a watch shows the run it follows: plain lines, a live screen, or NDJSON. */
public interface RunDisplay {

    /** Shows nothing: for reading a run without watching it. */
    RunDisplay NONE = new RunDisplay() {
        @Override
        public void show(RunFollower run, Instant now) {
        }

        @Override
        public void finish(WatchResult result, Duration timeout) {
        }
    };

    /** Called after every poll of the broker once the run's past has been read, with the run as folded so far. */
    void show(RunFollower run, Instant now);

    /** Called once when the watch is over: what an operator or a script reads last. */
    void finish(WatchResult result, Duration timeout);
}
