package io.jsonmig.migration.load;

import io.jsonmig.migration.mapping.CollectionPlan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The ledger of table loads, each change in its own transaction. */
@ApplicationScoped
public class TableLoads {

    private final Clock clock;

    public TableLoads(Clock clock) {
        this.clock = clock;
    }

    @Transactional
    public long starting(String migrationId, int attempt, CollectionPlan plan) {
        TargetTableLoad load = new TargetTableLoad();
        load.migrationId = migrationId;
        load.attempt = attempt;
        load.collection = plan.collection();
        load.schemaName = plan.table().name().schema();
        load.tableName = plan.table().name().name();
        load.preExisting = plan.preExisting();
        load.status = TargetTableLoad.Status.LOADING;
        load.startedAt = Instant.now(clock);
        load.persist();
        return load.id;
    }

    @Transactional
    public void finished(long loadId, TargetTableLoad.Status status, Long rows) {
        TargetTableLoad load = TargetTableLoad.findById(loadId);
        load.status = status;
        load.rowsLoaded = rows;
        load.finishedAt = Instant.now(clock);
    }

    @Transactional
    public List<TargetTableLoad> preExistingToEmpty(String migrationId) {
        return TargetTableLoad.preExistingToEmpty(migrationId);
    }

    @Transactional
    public void markCompensated(List<TargetTableLoad> loads) {
        Instant now = Instant.now(clock);
        for (TargetTableLoad load : loads) {
            TargetTableLoad managed = TargetTableLoad.findById(load.id);
            managed.compensatedAt = now;
        }
    }
}
