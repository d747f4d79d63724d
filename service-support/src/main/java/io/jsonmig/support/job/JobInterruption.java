package io.jsonmig.support.job;

/**
 * Stops a job without the events of a failed phase: either for good (the run is being rolled back,
 * {@link PhaseCancelled}) or to be run again later, resuming from its checkpoints (an event that could
 * not be published, a worker that lost its claim on the job). A handler catches failures of its phase,
 * never these.
 */
public class JobInterruption extends RuntimeException {

    private final boolean runAgain;

    public JobInterruption(String message, Throwable cause, boolean runAgain) {
        super(message, cause);
        this.runAgain = runAgain;
    }

    public static JobInterruption runAgainLater(String message, Throwable cause) {
        return new JobInterruption(message, cause, true);
    }

    public boolean runAgain() {
        return runAgain;
    }
}
