package io.jsonmig.backup.rollback;

import io.jsonmig.backup.restore.RestoreReport;
import io.jsonmig.backup.restore.SnapshotRefusedException;
import io.jsonmig.backup.restore.SnapshotRestore;
import io.jsonmig.backup.restore.TrustedSnapshot;
import io.jsonmig.backup.restore.TrustedSnapshots;
import io.jsonmig.support.snapshot.Manifest;
import io.jsonmig.backup.snapshot.Snapshot;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.CollectionSync;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.ReverseSyncVerified;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.jsonmig.events.payload.RollbackStepCompleted.SOURCE_COMPENSATOR;

/**
 * The last step of a rollback after the cut-over: the export of the fenced tables has been verified
 * against them, so the live JSON files are restored from it with the restore every rollback uses (temp
 * file, fsync, rename, directory fsync). A live file that is no longer the cut-over snapshot's — someone
 * wrote it while the application ran on PostgreSQL — is kept as a conflict copy first. Then the
 * application is told to use its files again, with what was carried back.
 */
@ApplicationScoped
public class ReverseSyncSwap implements JobHandler {

    /** The job of {@code reverse-sync.verified}. */
    public static final String JOB = "reverse-sync-swap";

    private final TrustedSnapshots trusted;
    private final SnapshotRestore restore;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;
    private final Clock clock;

    public ReverseSyncSwap(TrustedSnapshots trusted, SnapshotRestore restore, PhaseRuns phaseRuns,
                           EventPublisher publisher, Clock clock) {
        this.trusted = trusted;
        this.restore = restore;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public String name() {
        return JOB;
    }

    @Override
    public void run(EventEnvelope verified, Cancellation cancellation) {
        ReverseSyncVerified sync = verified.payloadAs(ReverseSyncVerified.class);
        RunSpec spec = sync.spec();
        List<String> actions = new ArrayList<>();
        boolean restored;
        long phaseRun = phaseRuns.start(verified.migrationId(), Phase.ROLLBACK, verified.attempt());
        try {
            Snapshot export = register(verified, sync.snapshot(), spec);
            Optional<Snapshot> cutover = cutoverSnapshot(verified.migrationId(), export.snapshotId);
            Manifest base = cutover.map(trusted::manifest).orElse(null);
            TrustedSnapshot opened = trusted.open(export);
            RestoreReport report = restore.restore(opened, base);
            actions.addAll(report.lines());
            restored = report.succeeded();
        } catch (SnapshotRefusedException | IllegalStateException e) {
            Log.errorf("[%s] cannot restore the JSON files from the reverse sync: %s", verified.migrationId(),
                    e.getMessage());
            actions.add("cannot restore the JSON files from the verified export: " + e.getMessage()
                    + "; the files and the fenced tables are left as they are");
            restored = false;
        }
        phaseRuns.finish(phaseRun, restored ? PhaseRun.Status.SUCCEEDED : PhaseRun.Status.FAILED,
                String.join("; ", actions));
        String step = SOURCE_COMPENSATOR + "|" + verified.eventId();
        publisher.publish(verified, step, new RollbackStepCompleted(SOURCE_COMPENSATOR, Phase.BACKUP, actions,
                restored, spec));
        if (!restored) {
            return; // the run is FAILED: the application stays where it is until an operator looks
        }
        long writes = CollectionSync.totalWrites(sync.collections());
        publisher.publish(verified, step, new DatasourceReverted(spec.sourceDir(),
                "rolled back after the cut-over; " + writes + " record(s) written in PostgreSQL since the cut-over "
                        + "are now in the JSON files",
                "switch the application back to its JSON files in " + spec.sourceDir(), sync.collections()));
    }

    /** An error or a dying service ended the swap: the step is failed, the run needs an operator. */
    @Override
    public void abandoned(EventEnvelope verified, String reason) {
        ReverseSyncVerified sync = verified.payloadAs(ReverseSyncVerified.class);
        phaseRuns.abandoned(verified.migrationId(), Phase.ROLLBACK, verified.attempt(), reason);
        publisher.publish(verified, SOURCE_COMPENSATOR + "|" + verified.eventId(), new RollbackStepCompleted(
                SOURCE_COMPENSATOR, Phase.BACKUP, List.of("cannot restore the JSON files from the verified export: "
                        + reason + "; check each file against the export before the application uses them"), false,
                sync.spec()));
    }

    /** The export as one of the run's snapshots: restored, kept and retained like any other. */
    @Transactional
    Snapshot register(EventEnvelope verified, SnapshotSummary summary, RunSpec spec) {
        Snapshot row = Snapshot.findById(summary.snapshotId());
        if (row != null) {
            return row;
        }
        row = new Snapshot();
        row.snapshotId = summary.snapshotId();
        row.migrationId = verified.migrationId();
        row.attempt = verified.attempt();
        row.sourceDir = spec.sourceDir();
        row.location = summary.location();
        row.layout = summary.layout();
        row.files = summary.files();
        row.bytes = summary.bytes();
        row.records = summary.totalRecords();
        row.manifestSha256 = summary.manifestSha256();
        row.createdAt = Instant.now(clock);
        row.persist();
        return row;
    }

    /** The snapshot the run was cut over from: its newest one that is not the export. */
    @Transactional
    Optional<Snapshot> cutoverSnapshot(String migrationId, String exportId) {
        return Snapshot.find("migrationId = ?1 and snapshotId <> ?2 and deletedAt is null "
                + "order by attempt desc, createdAt desc", migrationId, exportId).firstResultOptional();
    }
}
