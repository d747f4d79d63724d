package io.jsonmig.migration.reverse;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.WriteFence;
import io.jsonmig.migration.catalog.TargetCapture;
import io.jsonmig.migration.catalog.TargetChanges;
import io.jsonmig.migration.load.TableLoads;
import io.jsonmig.migration.target.TableName;
import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.job.JobInterruption;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.FailureReason;
import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.support.target.TargetProfiles;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rollback after the cut-over: the application's writes live in PostgreSQL, so nothing is dropped.
 * The run's tables are fenced ({@link WriteFencing}) and stay in place for the investigation. A target
 * that cannot be reached fails the step and changes no file.
 */
@ApplicationScoped
public class ReverseSync implements JobHandler {

    /** The job of a {@code rollback.requested} after the cut-over. */
    public static final String JOB = "reverse-sync";

    private final TargetChanges changes;
    private final TableLoads loads;
    private final TargetProfiles profiles;
    private final WriteFencing fencing;
    private final EventPublisher publisher;

    public ReverseSync(TargetChanges changes, TableLoads loads, TargetProfiles profiles, WriteFencing fencing,
                       EventPublisher publisher) {
        this.changes = changes;
        this.loads = loads;
        this.profiles = profiles;
        this.fencing = fencing;
        this.publisher = publisher;
    }

    @Override
    public String name() {
        return JOB;
    }

    @Override
    public void run(EventEnvelope requested, Cancellation cancellation) {
        RunSpec spec = requested.payloadAs(RollbackRequested.class).spec();
        String migrationId = requested.migrationId();
        List<String> actions = new ArrayList<>();
        try {
            Optional<TargetCapture> capture = changes.capture(migrationId);
            if (capture.isEmpty()) {
                fail(requested, spec, "the run has no record of its target: nothing to carry back");
                return;
            }
            TargetDatabase target = profiles.resolve(capture.get().targetProfile);
            List<TableName> tables = loads.loadedBy(migrationId, requested.attempt()).stream()
                    .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
            try (TargetSession session = TargetSession.open(target)) {
                WriteFence fence = fencing.fence(migrationId, session, tables);
                Log.infof("[%s] fenced %s in %d ms", migrationId, fence.tables(), fence.lockMillis());
                actions.add("fenced " + String.join(", ", fence.tables()) + " in " + fence.lockMillis()
                        + " ms; the tables are kept for the investigation");
            }
        } catch (JobInterruption e) {
            throw e; // runs again: the fence is idempotent
        } catch (RuntimeException e) {
            Log.errorf(e, "[%s] reverse sync failed", migrationId);
            fail(requested, spec, "reverse sync failed, no file changed: " + FailureReason.of(e));
        }
    }

    /** An error or a dying service ended the reverse sync: its step is failed, and no file was changed. */
    @Override
    public void abandoned(EventEnvelope requested, String reason) {
        fail(requested, requested.payloadAs(RollbackRequested.class).spec(),
                "reverse sync cannot finish, no file changed: " + reason);
    }

    private void fail(EventEnvelope requested, RunSpec spec, String reason) {
        publisher.publish(requested, RollbackStepCompleted.TARGET_COMPENSATOR + "|" + requested.eventId(),
                new RollbackStepCompleted(RollbackStepCompleted.TARGET_COMPENSATOR, Phase.STABILIZATION,
                        List.of(reason), false, spec));
    }
}
