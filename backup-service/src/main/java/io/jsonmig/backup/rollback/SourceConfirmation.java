package io.jsonmig.backup.rollback;

import io.jsonmig.backup.drift.DriftCheck;
import io.jsonmig.backup.drift.SourceDrift;
import io.jsonmig.backup.dryrun.RecordedRequests;
import io.jsonmig.backup.drift.SourceDrifts;
import io.jsonmig.backup.restore.RestoreReport;
import io.jsonmig.backup.restore.SnapshotLookup;
import io.jsonmig.backup.restore.SnapshotRefusedException;
import io.jsonmig.backup.restore.SnapshotRestore;
import io.jsonmig.backup.restore.TrustedSnapshot;
import io.jsonmig.backup.restore.TrustedSnapshots;
import io.jsonmig.backup.snapshot.Snapshot;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.FileDrift;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.JobHandler;
import io.jsonmig.support.ledger.PhaseRun;
import io.jsonmig.support.ledger.PhaseRuns;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.PublishedEvents;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import static io.jsonmig.events.payload.RollbackStepCompleted.SOURCE_COMPENSATOR;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The last step of a rollback: once the target is cleaned, bring the live JSON files back to the
 * backup (restoring only what is missing or changed, keeping changed files as conflict copies), then
 * tell the application to use them again. After a cut-over refused for drift the live files are left
 * as they are: they hold the application's writes made after the backup. A dry run's files are only compared.
 */
@ApplicationScoped
public class SourceConfirmation implements JobHandler {

    /** The job of the target compensator's {@code rollback.step-completed}. */
    public static final String JOB = "source-confirmation";

    private final SnapshotLookup lookup;
    private final TrustedSnapshots trusted;
    private final SnapshotRestore restore;
    private final PhaseRuns phaseRuns;
    private final EventPublisher publisher;
    private final SourceDrifts sourceDrifts;
    private final RecordedRequests requests;
    private final DriftCheck drift;
    private final PublishedEvents published;

    public SourceConfirmation(SnapshotLookup lookup, TrustedSnapshots trusted, SnapshotRestore restore,
                              PhaseRuns phaseRuns, EventPublisher publisher, SourceDrifts sourceDrifts,
                              RecordedRequests requests, DriftCheck drift, PublishedEvents published) {
        this.published = published;
        this.requests = requests;
        this.drift = drift;
        this.sourceDrifts = sourceDrifts;
        this.lookup = lookup;
        this.trusted = trusted;
        this.restore = restore;
        this.phaseRuns = phaseRuns;
        this.publisher = publisher;
    }

    @Override
    public String name() {
        return JOB;
    }

    /**
     * Whatever happens here ends in one rollback step and one datasource reverted event: the
     * application must be told to use its JSON files again even when they need attention.
     */
    @Override
    public void run(EventEnvelope targetCompensated, Cancellation cancellation) {
        RollbackStepCompleted targetStep = targetCompensated.payloadAs(RollbackStepCompleted.class);
        RunSpec spec = targetStep.spec();
        List<String> actions = new ArrayList<>();
        boolean intact;
        boolean dryRun = false;
        Optional<SourceDrift> drifted = Optional.empty();
        boolean cutOver = false;
        try {
            long phaseRun = phaseRuns.start(targetCompensated.migrationId(), Phase.ROLLBACK,
                    targetCompensated.attempt());
            if (spec == null) {
                // a rollback asked for by someone who never saw the run's start: the run's own request tells
                spec = requests.latest(targetCompensated.migrationId()).orElse(null);
            }
            drifted = sourceDrifts.of(targetCompensated.migrationId(), targetCompensated.attempt());
            dryRun = requests.isDryRun(targetCompensated.migrationId(), spec);
            cutOver = !dryRun && published.has(targetCompensated.migrationId(), EventType.CUTOVER_READY,
                    targetCompensated.attempt(), "");
            if (cutOver) {
                actions.add("the run was cut over: the application has written to PostgreSQL since, so the JSON files"
                        + " are left as they are and never restored from the backup (that would lose those writes); "
                        + "only the reverse sync of 'jsonmig rollback' carries them back");
                intact = true;
            } else if (dryRun) {
                intact = compareOnly(targetCompensated.migrationId(), actions);
            } else if (drifted.isPresent()) {
                actions.add(keptAsWritten(drifted.get(), spec));
                intact = true;
            } else {
                intact = restoreFiles(targetCompensated.migrationId(), actions);
            }
            // The run is rolled back (and may be retried) only when the target's compensation succeeded too.
            phaseRuns.finish(phaseRun, intact && targetStep.succeeded() ? PhaseRun.Status.SUCCEEDED
                    : PhaseRun.Status.FAILED, String.join("; ", actions));
        } catch (RuntimeException e) {
            Log.errorf(e, "[%s] cannot restore the JSON files", targetCompensated.migrationId());
            actions.add("cannot restore the JSON files from the backup: " + e.getMessage());
            intact = false;
        }
        // One step per rollback: a later rollback request of the same attempt must not look like a duplicate.
        String step = SOURCE_COMPENSATOR + "|" + targetCompensated.eventId();
        publisher.publish(targetCompensated, step,
                new RollbackStepCompleted(SOURCE_COMPENSATOR, Phase.BACKUP, actions, intact, spec));
        if (cutOver) {
            return; // the application stays on PostgreSQL: nothing was switched back
        }
        // datasource.reverted must name the files: without any spec it says why it cannot
        String sourceDir = spec == null ? "unknown: backup-service never saw the run's request" : spec.sourceDir();
        String in = spec == null ? "" : " in " + sourceDir;
        if (dryRun && intact) {
            publisher.publish(targetCompensated, step, new DatasourceReverted(sourceDir,
                    "rolled back; dry run: the JSON files were compared with the backup, never written",
                    "nothing to switch back: a dry run never switches the application, which keeps using its JSON "
                            + "files" + in));
            return;
        }
        String outcome = !intact ? "rolled back; some JSON files could not be restored and need attention"
                : drifted.isPresent() ? "rolled back; the JSON files were kept as the application wrote them after the backup"
                : "rolled back; the JSON files match the backup";
        publisher.publish(targetCompensated, step, new DatasourceReverted(sourceDir, outcome, neverSwitched(in)));
    }

    /**
     * Before {@code cutover.ready} the application was never told to switch: it is told to stay, not to switch back.
     * (A rollback after the cut-over ends in {@link ReverseSyncSwap}'s revert.)
     */
    static String neverSwitched(String in) {
        return "nothing to switch back: the run never announced a cut-over, so the application keeps using its JSON "
                + "files" + in;
    }

    /**
     * The confirmation will not finish (an error, a service that died under it): its step is reported failed,
     * the JSON files needing attention, and the application is still told to use them (the same events as a
     * restore that fails), so that the rollback ends instead of waiting.
     */
    @Override
    public void abandoned(EventEnvelope targetCompensated, String reason) {
        RunSpec spec = targetCompensated.payloadAs(RollbackStepCompleted.class).spec();
        boolean dryRun = spec != null && spec.dryRun();
        boolean cutOver = false;
        try {
            spec = spec != null ? spec : requests.latest(targetCompensated.migrationId()).orElse(null);
            dryRun = requests.isDryRun(targetCompensated.migrationId(), spec);
            cutOver = !dryRun && published.has(targetCompensated.migrationId(), EventType.CUTOVER_READY,
                    targetCompensated.attempt(), "");
        } catch (RuntimeException e) {
            Log.errorf(e, "[%s] cannot read the run's request", targetCompensated.migrationId());
        }
        phaseRuns.abandoned(targetCompensated.migrationId(), Phase.ROLLBACK, targetCompensated.attempt(), reason);
        String sourceDir = spec == null ? "unknown: backup-service never saw the run's request" : spec.sourceDir();
        String in = spec == null ? "" : " in " + sourceDir;
        String step = SOURCE_COMPENSATOR + "|" + targetCompensated.eventId();
        publisher.publish(targetCompensated, step, new RollbackStepCompleted(SOURCE_COMPENSATOR, Phase.BACKUP,
                List.of("cannot confirm the JSON files" + in + " against the backup: " + reason
                        + "; compare them with the backup before the application uses them"), false, spec));
        publisher.publish(targetCompensated, step, new DatasourceReverted(sourceDir,
                "rolled back; the JSON files could not be confirmed against the backup and need attention",
                dryRun ? "nothing to switch back: a dry run never switches the application, which keeps using its "
                        + "JSON files" + in
                        : cutOver ? "switch the application back to its JSON files" + in : neverSwitched(in)));
    }

    /**
     * A dry run's rollback: the application kept running on its files all along and may be writing them, so they
     * are compared with the backup and reported, never written (no restore, no conflict copy).
     */
    private boolean compareOnly(String migrationId, List<String> actions) {
        actions.add("dry run: the live JSON files are never written, not even by a rollback; compared with the "
                + "backup only");
        Optional<Snapshot> snapshot = lookup.latestFor(migrationId);
        if (snapshot.isEmpty()) {
            actions.add("no snapshot was taken, so there is nothing to compare the JSON files with");
            return true;
        }
        try {
            TrustedSnapshot opened = trusted.open(snapshot.get());
            DriftChecked checked = drift.check(opened);
            if (checked.clean()) {
                actions.add("all " + opened.manifest().files().size() + " JSON file(s) in " + checked.sourceDir()
                        + " match the backup " + opened.row().location);
            }
            checked.files().forEach(file -> actions.add(file.path() + ": " + (FileDrift.MISSING.equals(file.change())
                    ? "missing now" : "changed") + " since snapshot " + checked.snapshotId()
                    + " (the application's doing): left as it is"));
        } catch (SnapshotRefusedException e) {
            actions.add("cannot compare the JSON files with the backup: " + e.getMessage() + "; left as they are");
        }
        return true;
    }

    private static String keptAsWritten(SourceDrift drift, RunSpec spec) {
        return "the cut-over was refused because the JSON files" + (spec == null ? "" : " in " + spec.sourceDir())
                + " changed after snapshot " + drift.snapshotId + " (" + drift.files + "): they hold the "
                + "application's writes made since the backup and are the truth, so they were left as they are, "
                + "not overwritten from the backup";
    }

    private boolean restoreFiles(String migrationId, List<String> actions) {
        Optional<Snapshot> snapshot = lookup.latestFor(migrationId);
        if (snapshot.isEmpty()) {
            actions.add("no snapshot was taken, so jsonmig never read the JSON files past validation; nothing to restore");
            return true;
        }
        try {
            RestoreReport report = restore.restore(trusted.open(snapshot.get()));
            actions.addAll(report.lines());
            return report.succeeded();
        } catch (SnapshotRefusedException e) {
            actions.add("cannot restore the JSON files: " + e.getMessage());
            return false;
        }
    }
}
