package io.jsonmig.migration.metrics;

import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.PhaseFailed;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.support.messaging.EventSent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code jsonmig_load_rows_per_second{table}}: the rate of the load of a table while it runs, as its
 * progress events give it; 0 once the table is loaded or the phase ended.
 */
@ApplicationScoped
public class LoadRate {

    private final MeterRegistry registry;
    private final Map<String, AtomicReference<Double>> rates = new ConcurrentHashMap<>();

    public LoadRate(MeterRegistry registry) {
        this.registry = registry;
    }

    void progress(@Observes EventSent sent) {
        Object payload = sent.event().payload();
        if (payload instanceof Progress progress && progress.phase() == Phase.MIGRATION) {
            boolean running = progress.rate() != null && progress.done() < progress.total();
            rate(progress.item()).set(running ? progress.rate() : 0.0);
        } else if (payload instanceof DataMigrated
                || payload instanceof PhaseFailed failed && failed.phase() == Phase.MIGRATION) {
            rates.values().forEach(rate -> rate.set(0.0));
        }
    }

    private AtomicReference<Double> rate(String table) {
        return rates.computeIfAbsent(table, name -> {
            AtomicReference<Double> rate = new AtomicReference<>(0.0);
            Gauge.builder("jsonmig.load.rows.per.second", rate, AtomicReference::get)
                    .description("Rows per second of a table's load while it runs, 0 otherwise")
                    .tag("table", name).register(registry);
            return rate;
        });
    }
}
