package io.jsonmig.notification.metrics;

import io.agroal.api.AgroalDataSource;
import io.jsonmig.events.state.RunStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runs this service's timeline knows, by status ({@code jsonmig_runs{status}}, every status present,
 * 0 when none), and the run that moved last as an info metric
 * ({@code jsonmig_run_info{migration_id, status, phase} 1}): the only series that names a migration id, one
 * at a time. Read from the {@code run} table every few seconds, so every instance reports the same.
 */
@ApplicationScoped
public class RunStatuses {

    private final AgroalDataSource dataSource;
    private final String table;
    private final Map<RunStatus, AtomicLong> counts = new EnumMap<>(RunStatus.class);
    private MultiGauge currentRun;

    public RunStatuses(AgroalDataSource dataSource,
                       @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.dataSource = dataSource;
        this.table = '"' + schema.replace("\"", "\"\"") + "\".run";
        for (RunStatus status : RunStatus.values()) {
            counts.put(status, new AtomicLong());
        }
    }

    void register(@Observes StartupEvent start, MeterRegistry registry) {
        counts.forEach((status, count) -> Gauge.builder("jsonmig.runs", count, AtomicLong::get)
                .description("Runs by status, as the notification-service's timeline has them")
                .tag("status", status.name().toLowerCase()).register(registry));
        currentRun = MultiGauge.builder("jsonmig.run.info")
                .description("The run that changed last: its id, status and phase (value 1)").register(registry);
        read();
    }

    @Scheduled(identity = "run-statuses", every = "${jsonmig.notification.metrics.run-statuses-interval:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void read() {
        if (currentRun == null) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            Map<RunStatus, Long> byStatus = new EnumMap<>(RunStatus.class);
            try (ResultSet rows = statement.executeQuery("SELECT status, count(*) FROM " + table + " GROUP BY status")) {
                while (rows.next()) {
                    byStatus.put(RunStatus.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            counts.forEach((status, count) -> count.set(byStatus.getOrDefault(status, 0L)));
            List<MultiGauge.Row<?>> latest = new ArrayList<>();
            try (ResultSet row = statement.executeQuery("SELECT migration_id, status, phase FROM " + table
                    + " ORDER BY updated_at DESC NULLS LAST, migration_id LIMIT 1")) {
                if (row.next()) {
                    latest.add(MultiGauge.Row.of(Tags.of("migration_id", row.getString(1),
                            "status", row.getString(2).toLowerCase(),
                            "phase", row.getString(3) == null ? "" : row.getString(3).toLowerCase()), 1));
                }
            }
            currentRun.register(latest, true);
        } catch (SQLException | IllegalArgumentException e) {
            Log.debugf("run statuses not read: %s", e.getMessage());
        }
    }
}
