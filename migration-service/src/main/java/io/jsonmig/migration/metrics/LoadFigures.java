package io.jsonmig.migration.metrics;

import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.support.messaging.EventSent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * What loads put into the target, added once per load when its {@code data.migrated} is published (a load
 * resumed after a crash counts its rows once): {@code jsonmig_rows_loaded_total{table}} and
 * {@code jsonmig_records_rejected_total{collection, table}}. The figures are the event's, the same the
 * report and the verification use.
 */
@ApplicationScoped
public class LoadFigures {

    private final MeterRegistry registry;

    public LoadFigures(MeterRegistry registry) {
        this.registry = registry;
    }

    void migrated(@Observes EventSent sent) {
        if (sent.again() || !(sent.event().payload() instanceof DataMigrated migrated)) {
            return;
        }
        for (TableLoad table : migrated.tables()) {
            Counter.builder("jsonmig.rows.loaded").description("Rows loaded into target tables")
                    .tag("table", table.table()).register(registry).increment(table.rows());
            Counter.builder("jsonmig.records.rejected").description("Source records quarantined instead of loaded")
                    .tag("collection", table.collection()).tag("table", table.table()).register(registry)
                    .increment(table.rejected());
        }
    }
}
