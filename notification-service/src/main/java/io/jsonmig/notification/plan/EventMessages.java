package io.jsonmig.notification.plan;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.CutoverReady;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.DatasourceReverted;
import io.jsonmig.events.state.StabilizationWindow;
import io.jsonmig.events.payload.RunFinalized;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.DryRunCompleted;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackStepCompleted;
import io.jsonmig.events.payload.StabilizationAlert;
import io.jsonmig.events.payload.StabilizationChecked;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.FileDrift;
import io.jsonmig.events.state.PhaseState;
import io.jsonmig.events.state.PhaseStatus;
import io.jsonmig.events.state.RunState;
import io.jsonmig.notification.delivery.Notification;
import io.jsonmig.notification.delivery.Severity;
import io.jsonmig.notification.plan.Messages.Alert;
import io.jsonmig.notification.plan.Messages.Announcement;
import io.jsonmig.notification.plan.Messages.EventNotice;
import io.jsonmig.notification.plan.Messages.PhaseLine;
import io.jsonmig.notification.plan.Messages.Summary;
import io.jsonmig.notification.status.VerificationReport;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the plan says at once about one newly stored event, to whom. Each message is keyed
 * {@code <eventId>/<audience>}, so a redelivered event never says anything twice. Operators hear
 * of every event but progress, once: as the alert or summary when there is one, else as a plain
 * {@code event} notice. A dry run is a rehearsal: every message says so, and users hear nothing of it
 * ({@link DryRun}).
 */
@ApplicationScoped
public class EventMessages {

    private final PlanMessages messages;
    private final StoredEvents stored;

    public EventMessages(PlanMessages messages, StoredEvents stored) {
        this.messages = messages;
        this.stored = stored;
    }

    public List<Notification> about(EventEnvelope event, RunState state) {
        List<Notification> out = new ArrayList<>();
        boolean dryRun = DryRun.is(event, state);
        switch (event.type()) {
            case PROGRESS -> {
                return out;
            }
            case STABILIZATION_CHECKED -> {
                // a check every interval for days: on the status page, never a message each; only what the
                // watch tells operators (a trigger in mode alert, connections near their limit), once each
                if (event.payloadAs(StabilizationChecked.class).alerts().isEmpty()) {
                    return out;
                }
                alert(event, dryRun, Severity.WARNING, Audience.OPERATORS, out);
            }
            case MIGRATION_REQUESTED -> {
                for (String audience : DryRun.told(dryRun, Audience.STAKEHOLDERS, Audience.USERS)) {
                    if (audience.equals(Audience.STAKEHOLDERS) || scheduled(state)) {
                        announce(event, state, audience, key(event, audience), out);
                    }
                }
            }
            case BACKUP_COMPLETED -> {
                // Users hear of a run that starts now once its backup is taken: one refused by its
                // preflight never touched anything, and users are told nothing of it.
                if (!dryRun && !scheduled(state)) {
                    announce(event, state, Audience.USERS, event.migrationId() + "/announcement/" + Audience.USERS,
                            out);
                }
            }
            case PHASE_FAILED, VERIFICATION_FAILED, ROLLBACK_REQUESTED -> {
                // One failure, one alert: the failed phase and the rollback it starts share a key, so
                // whichever is stored first is the alert and the other adds nothing.
                String failure = event.migrationId() + "/" + event.attempt() + "/failure/";
                alert(event, dryRun, Severity.CRITICAL, Audience.OPERATORS, failure + Audience.OPERATORS, out);
                alert(event, dryRun, Severity.CRITICAL, Audience.STAKEHOLDERS, failure + Audience.STAKEHOLDERS, out);
            }
            case ROLLBACK_STEP_COMPLETED -> {
                if (!event.payloadAs(RollbackStepCompleted.class).succeeded()) {
                    alert(event, dryRun, Severity.CRITICAL, Audience.OPERATORS, out);
                    alert(event, dryRun, Severity.CRITICAL, Audience.STAKEHOLDERS, out);
                }
            }
            case DRIFT_CHECKED -> {
                if (!event.payloadAs(DriftChecked.class).clean()) {
                    alert(event, dryRun, Severity.WARNING, Audience.OPERATORS, out);
                    alert(event, dryRun, Severity.WARNING, Audience.STAKEHOLDERS, out);
                }
            }
            case CUTOVER_READY, DRY_RUN_COMPLETED, DATASOURCE_REVERTED, RUN_FINALIZED -> {
                Summary summary = summary(event, state, dryRun);
                Severity severity = summary.completed() ? Severity.INFO : Severity.WARNING;
                for (String audience : DryRun.told(dryRun, Audience.STAKEHOLDERS, Audience.OPERATORS,
                        Audience.USERS)) {
                    if (audience.equals(Audience.USERS) && !usersAnnounced(state)) {
                        continue;
                    }
                    out.add(messages.message(key(event, audience), event.migrationId(), "summary",
                            event.type().wireName(), severity, audience, summary, summaryData(summary)));
                }
            }
            default -> {
            }
        }
        if (out.stream().noneMatch(n -> n.audience().equals(Audience.OPERATORS))) {
            EventNotice notice = new EventNotice(event.migrationId(), event.type().wireName(),
                    event.payload().describe(), Wording.time(event.occurredAt()), event.producer());
            out.add(messages.message(key(event, Audience.OPERATORS), event.migrationId(), "event",
                    event.type().wireName(), Severity.INFO, Audience.OPERATORS, notice,
                    Map.of("summary", notice.summary(), "occurredAt", event.occurredAt().toString(),
                            "producer", event.producer())));
        }
        return out;
    }

    private static String key(EventEnvelope event, String audience) {
        return event.eventId() + "/" + audience;
    }

    private static boolean scheduled(RunState state) {
        return state.spec() != null && state.spec().maintenanceWindow() != null;
    }

    /** Users were announced a scheduled run at once, one that started at once when its backup was taken. */
    private static boolean usersAnnounced(RunState state) {
        PhaseState backup = state.phase(Phase.BACKUP);
        return scheduled(state) || backup != null && backup.status() == PhaseStatus.SUCCEEDED;
    }

    private void announce(EventEnvelope event, RunState state, String audience, String key,
                          List<Notification> out) {
        MaintenanceWindow window = state.spec() == null ? null : state.spec().maintenanceWindow();
        Announcement announcement = new Announcement(event.migrationId(), window != null,
                window == null ? null : Wording.time(window.scheduledAt()),
                window == null ? null : Wording.duration(window.expectedDowntime()),
                window == null ? null : Wording.time(window.endsAt()),
                state.spec() == null ? null : state.spec().targetProfile(),
                state.spec() == null ? null : state.spec().requestedBy(), DryRun.is(event, state));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("scheduled", window != null);
        data.put("dryRun", announcement.dryRun());
        if (window != null) {
            data.put("scheduledAt", window.scheduledAt().toString());
            data.put("expectedDowntime", window.expectedDowntime().toString());
        }
        out.add(messages.message(key, event.migrationId(), "announcement", event.type().wireName(),
                Severity.INFO, audience, announcement, data));
    }

    private void alert(EventEnvelope event, boolean dryRun, Severity severity, String audience,
                       List<Notification> out) {
        alert(event, dryRun, severity, audience, key(event, audience), out);
    }

    private void alert(EventEnvelope event, boolean dryRun, Severity severity, String audience, String key,
                       List<Notification> out) {
        Alert alert = alertOf(event, dryRun);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("headline", alert.headline());
        data.put("reason", alert.reason());
        data.put("phase", alert.phase());
        data.put("problems", alert.problems());
        data.put("dryRun", dryRun);
        out.add(messages.message(key, event.migrationId(), "alert", event.type().wireName(), severity,
                audience, alert, data));
    }

    private static Alert alertOf(EventEnvelope event, boolean dryRun) {
        String id = event.migrationId();
        String type = event.type().wireName();
        if (event.payload() instanceof PhaseFailed p) {
            return new Alert(id, type, Wording.phase(p.phase()) + " failed", p.reason(), Wording.phase(p.phase()),
                    p.problems() == null ? List.of() : p.problems(), dryRun);
        }
        if (event.payload() instanceof VerificationFailed p) {
            return new Alert(id, type, "verification failed", p.summary(), Wording.phase(Phase.VERIFICATION),
                    p.checks().stream().filter(c -> !c.passed()).map(EventMessages::mismatch).toList(), dryRun);
        }
        if (event.payload() instanceof RollbackRequested p) {
            return new Alert(id, type, "rollback started ("
                    + p.trigger().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")", p.reason(),
                    p.failedPhase() == null ? null : Wording.phase(p.failedPhase()), List.of(), dryRun);
        }
        if (event.payload() instanceof RollbackStepCompleted p) {
            return new Alert(id, type, "rollback step of " + p.compensator() + " could not finish: an operator must look",
                    p.describe(), Wording.phase(Phase.ROLLBACK), p.actions(), dryRun);
        }
        if (event.payload() instanceof DriftChecked p) {
            return new Alert(id, type, "the JSON files changed after the backup", p.describe(), null,
                    p.files().stream().map(EventMessages::drift).toList(), dryRun);
        }
        if (event.payload() instanceof StabilizationChecked p) {
            boolean trigger = p.alerts().stream().anyMatch(a -> a.trigger() != null);
            return new Alert(id, type, trigger
                    ? "a rollback trigger fired in the stabilization window; mode alert, so nothing was rolled back: "
                    + "decide (./jsonmig rollback " + id + " --trigger ..., or ./jsonmig finalize " + id + ")"
                    : "the stabilization watch needs an operator", p.alerts().stream()
                    .map(StabilizationAlert::reason).collect(java.util.stream.Collectors.joining("; ")),
                    Wording.phase(Phase.STABILIZATION), p.alerts().stream().map(StabilizationAlert::describe).toList(),
                    dryRun);
        }
        throw new IllegalArgumentException("no alert for " + event.type());
    }

    private static String mismatch(CollectionCheck c) {
        return c.collection() + " → " + c.table() + ": expected " + c.expected() + ", found " + c.actual();
    }

    private static String drift(FileDrift f) {
        return f.path() + " " + f.change();
    }

    private Summary summary(EventEnvelope event, RunState state, boolean dryRun) {
        boolean completed = event.type() == EventType.CUTOVER_READY || event.type() == EventType.DRY_RUN_COMPLETED
                || event.type() == EventType.RUN_FINALIZED;
        List<PhaseLine> phases = new ArrayList<>();
        for (PhaseState ps : state.phases().values()) {
            if (ps.status() == PhaseStatus.PENDING) {
                continue;
            }
            Instant start = RunProgress.phaseStart(state, ps.phase());
            Duration took = start == null || ps.finishedAt() == null ? null : Duration.between(start, ps.finishedAt());
            phases.add(new PhaseLine(Wording.phase(ps.phase()), ps.status().name().toLowerCase(Locale.ROOT),
                    ps.status() == PhaseStatus.SKIPPED ? null : Wording.duration(took)));
        }
        DryRunCompleted rehearsal = event.payload() instanceof DryRunCompleted d ? d : null;
        long inSource = state.checks().stream().mapToLong(CollectionCheck::expected).sum();
        long loaded = state.checks().isEmpty() ? state.rowsLoaded()
                : state.checks().stream().mapToLong(CollectionCheck::actual).sum();
        long rejected = state.checks().stream().mapToLong(c -> Math.max(0, c.expected() - c.actual())).sum();
        String throughput = stored.latest(event.migrationId(), EventType.DATA_MIGRATED)
                .map(e -> e.payloadAs(DataMigrated.class))
                .filter(d -> d.durationMillis() > 0)
                .map(d -> String.format(Locale.ROOT, "%.1f records/s", d.totalRows() * 1000.0 / d.durationMillis()))
                .orElse("unknown");
        String reportLink = Optional.ofNullable(rehearsal).map(DryRunCompleted::reportLocation)
                .or(() -> stored.latest(event.migrationId(), EventType.VERIFICATION_PASSED)
                        .map(e -> e.payloadAs(VerificationPassed.class).reportLocation()))
                .or(() -> stored.latest(event.migrationId(), EventType.VERIFICATION_FAILED)
                        .map(e -> e.payloadAs(VerificationFailed.class).reportLocation()))
                .orElse(null);
        String verification = state.checks().isEmpty() ? "not run"
                : state.checks().stream().allMatch(CollectionCheck::passed)
                ? "passed: " + state.checks().size() + " check(s) agree"
                : "failed: " + state.checks().stream().filter(c -> !c.passed()).count() + " of "
                        + state.checks().size() + " check(s) disagree";
        Instant begun = state.startedAt();
        // A scheduled run's wait for its window is not work: the figures are for the time after it.
        MaintenanceWindow window = state.spec() == null ? null : state.spec().maintenanceWindow();
        Duration waited = begun == null || window == null || !window.scheduledAt().isAfter(begun) ? null
                : Duration.between(begun, window.scheduledAt().isBefore(event.occurredAt()) ? window.scheduledAt()
                        : event.occurredAt());
        Instant working = waited == null ? begun : begun.plus(waited);
        // A finalized run's work ended at its cut-over: the window after it is not work either.
        Instant ended = event.type() == EventType.RUN_FINALIZED && state.stabilization() != null
                && state.stabilization().cutoverAt() != null ? state.stabilization().cutoverAt() : event.occurredAt();
        Duration total = working == null ? null : Duration.between(working, ended);
        String trigger = state.rollbackTrigger() == null ? null
                : state.rollbackTrigger().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String instruction = event.payload() instanceof DatasourceReverted reverted
                ? revertInstruction(reverted, state, event.attempt(), dryRun)
                : event.payload() instanceof CutoverReady ready ? ready.instruction() : null;
        return new Summary(event.migrationId(), completed, Wording.duration(total),
                waited == null ? null : Wording.duration(waited), phases, inSource, loaded, rejected, throughput,
                verification, Optional.ofNullable(VerificationReport.pageOf(reportLink)).orElse(reportLink), trigger,
                state.failureReason(), state.rollbackActions(), Wording.sentence(instruction), dryRun,
                rehearsal == null ? List.of() : rehearsal.removed(), stabilization(event, state),
                carriedBack(event));
    }

    /**
     * What the application must do at the end of a rollback. An attempt that never announced a cut-over never
     * switched the application, so it is never told to switch back, whatever the revert's producer wrote.
     */
    static String revertInstruction(DatasourceReverted reverted, RunState state, int attempt, boolean dryRun) {
        boolean cutOver = state.timeline().stream()
                .anyMatch(e -> e.type() == EventType.CUTOVER_READY && e.attempt() == attempt);
        if (cutOver || dryRun || !reverted.carriedBack().isEmpty()) {
            return reverted.instruction();
        }
        return "nothing to switch back: the run never announced a cut-over, so the application keeps using its "
                + "JSON files in " + reverted.sourceDir();
    }

    /** What the window after the cut-over means now, in words; {@code null} for a run without one. */
    private static String stabilization(EventEnvelope event, RunState state) {
        StabilizationWindow window = state.stabilization();
        if (window == null) {
            return null;
        }
        if (event.payload() instanceof RunFinalized finalized) {
            String how = switch (finalized.finalization()) {
                case WINDOW_ELAPSED -> "it passed without a rollback";
                case OPERATOR -> "ended early by " + finalized.requestedBy()
                        + (finalized.note() == null ? "" : ": " + finalized.note());
            };
            return "The stabilization window is over (" + how + "): the data lives in PostgreSQL for good.";
        }
        return "The stabilization window is open for " + Wording.duration(window.window())
                + (window.endsAt() == null ? "" : ", until " + Wording.time(window.endsAt()))
                + ": the JSON files stay the way back until then.";
    }

    /** What a rollback after the cut-over carried back into the JSON files, in words. */
    private static String carriedBack(EventEnvelope event) {
        if (!(event.payload() instanceof DatasourceReverted reverted) || reverted.carriedBack().isEmpty()) {
            return null;
        }
        return reverted.writesCarriedBack() + " record(s) written in PostgreSQL since the cut-over are now in the "
                + "JSON files (" + reverted.carriedBack().stream().filter(c -> c.writes() > 0)
                .map(c -> c.collection() + ": " + c.updated() + " updated, " + c.inserted() + " inserted, "
                        + c.deleted() + " deleted").collect(java.util.stream.Collectors.joining("; ")) + ").";
    }

    private static Map<String, Object> summaryData(Summary s) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("completed", s.completed());
        data.put("dryRun", s.dryRun());
        data.put("recordsInSource", s.recordsInSource());
        data.put("recordsLoaded", s.recordsLoaded());
        data.put("recordsRejected", s.recordsRejected());
        data.put("throughput", s.throughput());
        data.put("verification", s.verification());
        data.put("reportLink", s.reportLink());
        data.put("waitedForWindow", s.waitedForWindow());
        data.put("rollbackTrigger", s.trigger());
        data.put("reason", s.reason());
        data.put("restored", s.restored());
        data.put("removed", s.dryRun() ? s.removed() : null);
        data.put("stabilization", s.stabilization());
        data.put("carriedBack", s.carriedBack());
        Map<String, String> durations = new LinkedHashMap<>();
        s.phases().forEach(p -> durations.put(p.phase(), p.duration()));
        data.put("phaseDurations", durations);
        return data;
    }
}
