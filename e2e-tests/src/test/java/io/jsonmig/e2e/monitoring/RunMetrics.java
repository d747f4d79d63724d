package io.jsonmig.e2e.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.BackupCompleted;
import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.EventPayload;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.testing.metrics.ScrapedMetrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The services' metrics against the runs' real figures: what every event of the runs says (rows per
 * table, rejects, records and bytes backed up, verified rows, events per topic, failed phases) must be
 * what each service's {@code /q/metrics} counted. The events are read from the broker by the test, the
 * metrics scraped over HTTP and parsed by a Prometheus text-format parser.
 */
public final class RunMetrics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<EventEnvelope> events;
    private final Map<String, ScrapedMetrics> scrapes;

    /**
     * @param events  every event of every run the services handled, as the broker holds them
     * @param scrapes each service's scrape, by application name
     */
    public RunMetrics(List<EventEnvelope> events, Map<String, ScrapedMetrics> scrapes) {
        this.events = events;
        this.scrapes = scrapes;
    }

    public void assertFiguresMatchTheEvents() {
        ScrapedMetrics backup = scrapes.get("backup-service");
        ScrapedMetrics migration = scrapes.get("migration-service");
        ScrapedMetrics verification = scrapes.get("verification-service");

        Map<String, Long> rows = new TreeMap<>();
        Map<String, Long> rejected = new TreeMap<>();
        for (DataMigrated migrated : payloads(EventType.DATA_MIGRATED, DataMigrated.class)) {
            for (TableLoad table : migrated.tables()) {
                rows.merge(table.table(), table.rows(), Long::sum);
                rejected.merge(table.collection(), table.rejected(), Long::sum);
            }
        }
        assertThat(rows).as("rows per table in data.migrated").isNotEmpty();
        rows.forEach((table, expected) -> assertThat(migration.value("jsonmig_rows_loaded_total",
                Map.of("table", table))).as("jsonmig_rows_loaded_total{table=%s}", table).isEqualTo((double) expected));
        rejected.forEach((collection, expected) -> assertThat(migration.value("jsonmig_records_rejected_total",
                Map.of("collection", collection))).as("rejected %s", collection).isEqualTo((double) expected));
        assertThat(migration.series("jsonmig_load_rows_per_second")).as("a rate per loaded table")
                .extracting(labels -> labels.get("table")).containsAll(rows.keySet());
        assertThat(migration.value("jsonmig_load_rows_per_second", Map.of())).as("no load runs now").isZero();

        Map<String, Long> records = new TreeMap<>();
        long bytes = 0;
        for (BackupCompleted completed : payloads(EventType.BACKUP_COMPLETED, BackupCompleted.class)) {
            completed.snapshot().recordsPerCollection().forEach((c, n) -> records.merge(c, n, Long::sum));
            bytes += completed.snapshot().bytes();
        }
        assertThat(backup.value("jsonmig_backup_bytes_total", Map.of())).isEqualTo((double) bytes);
        records.forEach((collection, expected) -> assertThat(backup.value("jsonmig_records_read_total",
                Map.of("collection", collection))).as("records read %s", collection).isEqualTo((double) expected));

        Map<String, Long> verified = new TreeMap<>();
        List<CollectionCheck> checks = new ArrayList<>();
        payloads(EventType.VERIFICATION_PASSED, VerificationPassed.class).forEach(p -> checks.addAll(p.checks()));
        payloads(EventType.VERIFICATION_FAILED, VerificationFailed.class).forEach(p -> checks.addAll(p.checks()));
        for (CollectionCheck check : checks) {
            verified.merge(check.table() + "/" + (check.passed() ? "passed" : "failed"), check.actual(), Long::sum);
        }
        verified.forEach((key, expected) -> {
            String[] tableAndOutcome = key.split("/");
            assertThat(verification.value("jsonmig_rows_verified_total",
                    Map.of("table", tableAndOutcome[0], "outcome", tableAndOutcome[1])))
                    .as("rows verified %s", key).isEqualTo((double) expected);
        });

        assertPhases(backup, Phase.BACKUP, EventType.BACKUP_COMPLETED);
        assertPhases(migration, Phase.MIGRATION, EventType.DATA_MIGRATED);
        assertPhases(verification, Phase.VERIFICATION, EventType.VERIFICATION_PASSED);
        assertThat(verification.value("jsonmig_phase_duration_seconds", Map.of("phase", "verification",
                "outcome", "failed"))).as("failed verifications").isEqualTo((double) (count(EventType.VERIFICATION_FAILED)
                + failedPhases(Phase.VERIFICATION)));
    }

    /** A phase's successes and failures, as the histogram's counts of the service that ends it. */
    private void assertPhases(ScrapedMetrics service, Phase phase, EventType success) {
        String name = phase.name().toLowerCase();
        assertThat(service.value("jsonmig_phase_duration_seconds", Map.of("phase", name, "outcome", "succeeded")))
                .as("%s succeeded", name).isEqualTo((double) count(success));
        if (phase != Phase.VERIFICATION) {
            assertThat(service.value("jsonmig_phase_duration_seconds", Map.of("phase", name, "outcome", "failed")))
                    .as("%s failed", name).isEqualTo((double) failedPhases(phase));
        }
    }

    /** Every event a service published, per topic, is in its published counter; no record was dead-lettered. */
    public void assertEventsPerTopic() {
        for (Map.Entry<String, ScrapedMetrics> service : scrapes.entrySet()) {
            Map<String, Long> published = new TreeMap<>();
            events.stream().filter(e -> e.producer().equals(service.getKey()))
                    .forEach(e -> published.merge(e.topic(), 1L, Long::sum));
            if (!service.getKey().equals("notification-service")) { // it only listens
                assertThat(published).as("%s published something", service.getKey()).isNotEmpty();
            }
            published.forEach((topic, expected) -> assertThat(service.getValue().value(
                    "jsonmig_events_published_total", Map.of("topic", topic)))
                    .as("%s published to %s", service.getKey(), topic).isEqualTo((double) expected));
            assertThat(service.getValue().value("jsonmig_events_published_total", Map.of()))
                    .as("%s published nothing else", service.getKey())
                    .isEqualTo((double) published.values().stream().mapToLong(Long::longValue).sum());
            assertThat(service.getValue().value("jsonmig_events_dead_lettered_total", Map.of()))
                    .as("%s dead letters", service.getKey()).isZero();
        }
        // notification-service consumes every run topic: each event once
        ScrapedMetrics notification = scrapes.get("notification-service");
        for (EventType type : List.of(EventType.MIGRATION_REQUESTED, EventType.DATA_MIGRATED,
                EventType.ROLLBACK_REQUESTED, EventType.DATASOURCE_REVERTED)) {
            String topic = type.topic();
            assertThat(notification.value("jsonmig_events_consumed_total", Map.of("topic", topic)))
                    .as("notification-service consumed %s", topic).isEqualTo((double) count(type));
        }
        assertThat(scrapes.get("migration-service").value("jsonmig_events_consumed_total",
                Map.of("topic", EventType.BACKUP_COMPLETED.topic()))).isEqualTo((double) count(EventType.BACKUP_COMPLETED));
    }

    /** What every service shows beside jsonmig's own meters, switched on in service-support. */
    public void assertPlatformMetrics() {
        scrapes.forEach((service, scrape) -> {
            assertThat(scrape.names()).as(service).contains("jvm_memory_used_bytes", "agroal_active_count",
                    "kafka_consumer_fetch_manager_records_lag_max", "jsonmig_jobs", "jsonmig_job_oldest_waiting_seconds");
            assertThat(scrape.value("jsonmig_jobs", Map.of("state", "waiting"))).as("%s waiting jobs", service).isZero();
            assertThat(scrape.value("jsonmig_jobs", Map.of("state", "running"))).as("%s running jobs", service).isZero();
            assertThat(scrape.series("jsonmig_jobs")).allSatisfy(labels ->
                    assertThat(labels).containsEntry("service", service));
        });
        ScrapedMetrics notification = scrapes.get("notification-service");
        assertThat(notification.value("jsonmig_deliveries_total", Map.of("outcome", "failed"))).isGreaterThanOrEqualTo(0);
        assertThat(notification.series("jsonmig_deliveries_total")).extracting(labels -> labels.get("channel"))
                .contains("email", "webhook", "slack", "log");
    }

    /** Runs by status on notification-service: the counts of the timeline, a failed run among them. */
    public void assertRunsByStatus(Map<String, Long> statuses, String lastRun) {
        ScrapedMetrics notification = scrapes.get("notification-service");
        statuses.forEach((status, expected) -> assertThat(notification.value("jsonmig_runs",
                Map.of("status", status))).as("runs %s", status).isEqualTo((double) expected));
        assertThat(notification.series("jsonmig_run_info")).singleElement()
                .satisfies(labels -> assertThat(labels).containsEntry("migration_id", lastRun));
    }

    /** Every metric name the alert rules and the dashboard use is one a service exposes. */
    public void assertMonitoringFilesUseExposedNames(MonitoringFiles files) {
        Set<String> exposed = new TreeSet<>();
        scrapes.values().forEach(scrape -> exposed.addAll(scrape.names()));
        assertThat(exposed).containsAll(files.metricNames());
    }

    /**
     * Every line the service wrote to its log is a JSON object (the {@code === … jsonmig stack up …} lines are
     * the stack's own); the run's lines carry its id and attempt in the MDC.
     */
    public static void assertJsonLog(Path log, String migrationId) throws IOException {
        List<String> lines = Files.readAllLines(log).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("=== ")).toList();
        assertThat(lines).as(log.toString()).isNotEmpty();
        Set<String> attempts = new HashSet<>();
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.isObject()).as(line).isTrue();
            assertThat(entry.path("message").isTextual()).as(line).isTrue();
            JsonNode mdc = entry.path("mdc");
            if (migrationId.equals(mdc.path("migrationId").asText())) {
                attempts.add(mdc.path("attempt").asText());
            }
        }
        assertThat(attempts).as("lines of run %s in %s", migrationId, log).containsExactly("1");
    }

    public long count(EventType type) {
        return events.stream().filter(e -> e.type() == type).count();
    }

    private long failedPhases(Phase phase) {
        return payloads(EventType.PHASE_FAILED, PhaseFailed.class).stream().filter(p -> p.phase() == phase).count();
    }

    private <T extends EventPayload> List<T> payloads(EventType type, Class<T> payload) {
        return events.stream().filter(e -> e.type() == type).map(e -> e.payloadAs(payload)).toList();
    }

}
