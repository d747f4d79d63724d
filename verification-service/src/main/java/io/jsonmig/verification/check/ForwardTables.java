package io.jsonmig.verification.check;

import io.jsonmig.events.payload.DataMigrated;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.mappingplan.reject.RejectedRecords;
import io.jsonmig.verification.plan.RunPlan;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tables of the forward load as {@code data.migrated} reports them; the records it quarantined as
 * the target's {@code _jsonmig_rejects} records them.
 */
public record ForwardTables(String migrationId, DataMigrated data) implements RunTables {

    @Override
    public List<String> names() {
        return data.tables().stream().map(TableLoad::table).toList();
    }

    @Override
    public List<TableLoad> loads() {
        return data.tables();
    }

    @Override
    public Map<String, Set<Long>> rejected(Connection connection, RunPlan plan) throws SQLException {
        return RejectedRecords.read(connection, plan.defaultSchema(), migrationId);
    }

    /** The load migration-service reported for the child table; none: a problem if the table holds rows. */
    @Override
    public TableLoad childLoad(TableSource child, TargetTableCounter counter) {
        String table = child.table().name().toString();
        return data.tables().stream().filter(t -> t.collection().equals(child.collection()) && t.table().equals(table))
                .findFirst().orElse(null);
    }
}
