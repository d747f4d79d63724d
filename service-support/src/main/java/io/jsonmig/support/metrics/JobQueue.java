package io.jsonmig.support.metrics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * This service's durable jobs as its ledger holds them ({@code phase_job}), read when Prometheus scrapes
 * (at most once a second): {@code jsonmig_jobs{state="waiting"|"scheduled"|"running"}} (waiting: due and not
 * started; scheduled: due later, such as the next round of a stabilization watch or a maintenance window's
 * backup) and
 * {@code jsonmig_job_oldest_waiting_seconds}, how long the oldest job that may run has waited for a worker
 * (a job held back by a maintenance window waits from the window's start). Read from the table rather
 * than the worker, so every instance of a service reports the same queue.
 */
@ApplicationScoped
public class JobQueue {

    private static final Duration FRESH = Duration.ofSeconds(1);

    private final AgroalDataSource dataSource;
    private final String table;
    private final Clock clock;
    private Sample sample = new Sample(0, 0, 0, 0, Instant.EPOCH);

    public JobQueue(AgroalDataSource dataSource, Clock clock,
                    @ConfigProperty(name = "quarkus.hibernate-orm.database.default-schema") String schema) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.table = '"' + schema.replace("\"", "\"\"") + "\".phase_job";
    }

    void register(@Observes StartupEvent start, MeterRegistry registry) {
        Gauge.builder("jsonmig.jobs", this, queue -> queue.sample().waiting).tag("state", "waiting")
                .description("Jobs due and not yet started (or to run again)").register(registry);
        Gauge.builder("jsonmig.jobs", this, queue -> queue.sample().scheduled).tag("state", "scheduled")
                .description("Jobs due later (a watch's next round, a maintenance window's backup)").register(registry);
        Gauge.builder("jsonmig.jobs", this, queue -> queue.sample().running).tag("state", "running")
                .description("Jobs a worker is running").register(registry);
        Gauge.builder("jsonmig.job.oldest.waiting", this, queue -> queue.sample().oldestWaitingSeconds)
                .description("How long the oldest job that may run has waited for a worker, 0 when none waits")
                .baseUnit("seconds").register(registry);
    }

    private synchronized Sample sample() {
        Instant now = Instant.now(clock);
        if (Duration.between(sample.at, now).compareTo(FRESH) < 0) {
            return sample;
        }
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     SELECT count(*) FILTER (WHERE status = 'PENDING' AND not_before <= now()),
                            count(*) FILTER (WHERE status = 'PENDING' AND not_before > now()),
                            count(*) FILTER (WHERE status = 'RUNNING'),
                            coalesce(extract(epoch FROM now() - min(greatest(created_at, not_before))
                                             FILTER (WHERE status = 'PENDING' AND not_before <= now())), 0)
                     FROM %s WHERE status IN ('PENDING', 'RUNNING')""".formatted(table))) {
            row.next();
            sample = new Sample(row.getLong(1), row.getLong(2), row.getLong(3), Math.max(0, row.getDouble(4)), now);
        } catch (SQLException e) {
            Log.debugf("job queue not read: %s", e.getMessage());
            sample = new Sample(Double.NaN, Double.NaN, Double.NaN, Double.NaN, now);
        }
        return sample;
    }

    private record Sample(double waiting, double scheduled, double running, double oldestWaitingSeconds, Instant at) {
    }
}
