package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.target.TableName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The ledger of table loads, each change in its own transaction. */
@ApplicationScoped
public class TableLoads {

    private final Clock clock;

    public TableLoads(Clock clock) {
        this.clock = clock;
    }

    /**
     * Records the load before its first row; a load that goes on after a restart keeps its record
     * (and its {@code rowsBefore}).
     *
     * @param rowsBefore the rows the table holds now, counted before this call
     */
    @Transactional
    public TargetTableLoad starting(String migrationId, int attempt, String collection, TableName table,
                                    boolean preExisting, long rowsBefore) {
        TargetTableLoad earlier = TargetTableLoad.find("migrationId = ?1 and attempt = ?2 and collection = ?3 "
                + "and schemaName = ?4 and tableName = ?5", migrationId, attempt, collection,
                table.schema(), table.name()).firstResult();
        if (earlier != null) {
            earlier.status = TargetTableLoad.Status.LOADING;
            earlier.finishedAt = null;
            return earlier;
        }
        TargetTableLoad load = new TargetTableLoad();
        load.migrationId = migrationId;
        load.attempt = attempt;
        load.collection = collection;
        load.schemaName = table.schema();
        load.tableName = table.name();
        load.preExisting = preExisting;
        load.rowsBefore = rowsBefore;
        load.status = TargetTableLoad.Status.LOADING;
        load.startedAt = Instant.now(clock);
        load.persist();
        return load;
    }

    @Transactional
    public void finished(long loadId, TargetTableLoad.Status status, Long rows) {
        TargetTableLoad load = TargetTableLoad.findById(loadId);
        load.status = status;
        load.rowsLoaded = rows;
        load.finishedAt = Instant.now(clock);
    }

    /** The tables this attempt has begun to load: they may hold its rows already, and no one else's. */
    @Transactional
    public Set<TableName> loadedBy(String migrationId, int attempt) {
        return TargetTableLoad.<TargetTableLoad>list("migrationId = ?1 and attempt = ?2", migrationId, attempt).stream()
                .map(load -> new TableName(load.schemaName, load.tableName))
                .collect(Collectors.toSet());
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
