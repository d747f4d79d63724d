package io.jsonmig.notification.plan;

import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.state.RunState;
import io.jsonmig.events.state.RunStatus;
import io.jsonmig.notification.delivery.Notifications;
import io.jsonmig.notification.delivery.Severity;
import io.jsonmig.notification.plan.Messages.Reminder;
import io.jsonmig.notification.plan.Messages.StatusUpdate;
import io.jsonmig.notification.timeline.Timeline;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the plan says between events, decided from the stored runs so a restart changes nothing:
 * the reminder before a maintenance window (once per run) and, while a run is active, a status
 * update every {@code update-interval} if anything changed since the last one (the first: since the run
 * became active, its window opened). Each run's
 * {@code plan_run} row is locked while it is decided ({@code SKIP LOCKED}: another instance skips it).
 */
@ApplicationScoped
public class PlanSchedule {

    private static final List<String> ACTIVE = List.of(RunStatus.REQUESTED.name(), RunStatus.RUNNING.name(),
            RunStatus.ROLLING_BACK.name());

    private final EntityManager em;
    private final Timeline timeline;
    private final PlanMessages messages;
    private final Notifications notifications;
    private final PlanConfig config;
    private final Clock clock;

    public PlanSchedule(EntityManager em, Timeline timeline, PlanMessages messages, Notifications notifications,
                        PlanConfig config, Clock clock) {
        this.em = em;
        this.timeline = timeline;
        this.messages = messages;
        this.notifications = notifications;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${jsonmig.notification.plan.poll:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void speakBetweenEvents() {
        Instant now = Instant.now(clock);
        List<String> active = QuarkusTransaction.requiringNew().call(this::activeRuns);
        for (String migrationId : active) {
            try {
                QuarkusTransaction.requiringNew().run(() -> speak(migrationId, now));
            } catch (RuntimeException e) {
                Log.errorf(e, "[%s] the reminder or status update could not be recorded", migrationId);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> activeRuns() {
        return em.createNativeQuery("SELECT migration_id FROM {h-schema}run WHERE status IN (:active)")
                .setParameter("active", ACTIVE)
                .getResultList();
    }

    private void speak(String migrationId, Instant now) {
        em.createNativeQuery("INSERT INTO {h-schema}plan_run (migration_id) VALUES (:id) ON CONFLICT DO NOTHING")
                .setParameter("id", migrationId).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT reminder_sent_at, updates_sent, last_update_at,"
                        + " last_update_digest FROM {h-schema}plan_run WHERE migration_id = :id FOR UPDATE SKIP LOCKED")
                .setParameter("id", migrationId).getResultList();
        RunState state = timeline.state(migrationId).orElse(null);
        if (rows.isEmpty() || state == null || state.isFinished()) {
            return;
        }
        Object[] row = rows.get(0);
        boolean reminded = row[0] != null;
        int updatesSent = ((Number) row[1]).intValue();
        Instant lastUpdateAt = instant(row[2]);
        String lastDigest = (String) row[3];
        MaintenanceWindow window = state.spec() == null ? null : state.spec().maintenanceWindow();

        if (!reminded && reminderDue(state, window, now)) {
            remind(state, window, now);
            em.createNativeQuery("UPDATE {h-schema}plan_run SET reminder_sent_at = :now WHERE migration_id = :id")
                    .setParameter("now", Timestamp.from(now)).setParameter("id", migrationId).executeUpdate();
        }
        if (state.status() == RunStatus.REQUESTED || (window != null && window.opensAfter(now))) {
            return;
        }
        Instant since = lastUpdateAt != null ? lastUpdateAt : activeSince(state, window);
        if (since == null || now.isBefore(since.plus(config.updateInterval()))) {
            return;
        }
        if (lastDigest == null && (state.updatedAt() == null || !state.updatedAt().isAfter(since))) {
            return; // nothing has happened since the run became active (e.g. a window opened, the backup not begun)
        }
        RunProgress progress = RunProgress.of(state);
        String digest = state.status() + "|" + state.phase() + "|" + progress.percent() + "|" + state.updatedAt();
        if (digest.equals(lastDigest)) {
            return;
        }
        int number = updatesSent + 1;
        update(state, progress, number, since, now);
        em.createNativeQuery("UPDATE {h-schema}plan_run SET updates_sent = :n, last_update_at = :now,"
                        + " last_update_digest = :digest WHERE migration_id = :id")
                .setParameter("n", number).setParameter("now", Timestamp.from(now))
                .setParameter("digest", digest).setParameter("id", migrationId).executeUpdate();
    }

    /** Only when the announcement came well before the window: otherwise it was the reminder. */
    private boolean reminderDue(RunState state, MaintenanceWindow window, Instant now) {
        if (window == null || !window.opensAfter(now)) {
            return false;
        }
        Instant remindAt = window.scheduledAt().minus(config.reminderBefore());
        return !now.isBefore(remindAt) && state.startedAt() != null && state.startedAt().isBefore(remindAt);
    }

    private static Instant activeSince(RunState state, MaintenanceWindow window) {
        Instant started = state.startedAt();
        if (window != null && (started == null || window.scheduledAt().isAfter(started))) {
            return window.scheduledAt();
        }
        return started;
    }

    private void remind(RunState state, MaintenanceWindow window, Instant now) {
        boolean dryRun = DryRun.is(state);
        Reminder reminder = new Reminder(state.migrationId(), Wording.time(window.scheduledAt()),
                Wording.duration(Duration.between(now, window.scheduledAt())),
                Wording.duration(window.expectedDowntime()), Wording.time(window.endsAt()), dryRun);
        Map<String, Object> data = Map.of("scheduledAt", window.scheduledAt().toString(),
                "expectedDowntime", window.expectedDowntime().toString(), "dryRun", dryRun);
        for (String audience : DryRun.told(dryRun, Audience.STAKEHOLDERS, Audience.USERS)) {
            notifications.publish(messages.message(state.migrationId() + "/reminder/" + audience, state.migrationId(),
                    "reminder", null, Severity.INFO, audience, reminder, data));
        }
    }

    private void update(RunState state, RunProgress progress, int number, Instant since, Instant now) {
        StatusUpdate update = new StatusUpdate(state.migrationId(), number, state.status().name().toLowerCase(),
                Wording.phase(state.phase()), progress.percentText(),
                progress.eta() == null ? "unknown" : Wording.time(progress.eta()), state.rowsLoaded(),
                Wording.duration(Duration.between(activeSince(state, state.spec() == null ? null
                        : state.spec().maintenanceWindow()), now)), DryRun.is(state));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("number", number);
        data.put("status", state.status().name());
        data.put("phase", state.phase() == null ? null : state.phase().name());
        data.put("percent", progress.percent() < 0 ? null : progress.percent());
        data.put("eta", progress.eta() == null ? null : progress.eta().toString());
        data.put("rowsLoaded", state.rowsLoaded());
        data.put("dryRun", update.dryRun());
        for (String audience : List.of(Audience.STAKEHOLDERS, Audience.OPERATORS)) {
            notifications.publish(messages.message(state.migrationId() + "/update/" + number + "/" + audience,
                    state.migrationId(), "update", null, Severity.INFO, audience, update, data));
        }
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
