package io.jsonmig.migration.load;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.migration.catalog.TableColumn;
import io.jsonmig.migration.config.MigrationConfig;
import io.jsonmig.migration.mapping.CollectionPlan;
import io.jsonmig.migration.mapping.FieldValue;
import io.jsonmig.migration.mapping.UnmappableRecord;
import io.jsonmig.migration.target.Identifiers;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceSet;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Loads one collection of the snapshot into its table with PostgreSQL COPY, streaming: records are
 * read one at a time and sent in chunks, so no table is ever held in memory. A table is loaded in
 * one transaction, whole or not at all.
 */
@ApplicationScoped
public class TableLoader {

    private static final int CHUNK_CHARS = 64 * 1024;
    private static final String PROGRESS_STEP = "migration/progress/";

    private final TableLoads loads;
    private final EventPublisher publisher;
    private final MigrationConfig config;

    public TableLoader(TableLoads loads, EventPublisher publisher, MigrationConfig config) {
        this.loads = loads;
        this.publisher = publisher;
        this.config = config;
    }

    /** @param expected the records the snapshot announced for the collection, for progress; -1 if unknown */
    public TableLoad load(EventEnvelope cause, CollectionPlan plan, SourceSet snapshot, Connection connection,
                          long expected) {
        String table = plan.table().name().toString();
        List<TableColumn> columns = plan.columns().orElseGet(() -> columnsUsed(plan, snapshot));
        long loadId = loads.starting(cause.migrationId(), cause.attempt(), plan);
        long rows;
        try {
            connection.setAutoCommit(false);
            rows = columns.isEmpty() ? countOnly(plan, snapshot) : copy(cause, plan, columns, snapshot, connection, expected);
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException | CopyFailed e) {
            SQLException sql = e instanceof CopyFailed f ? f.sql : (SQLException) e;
            abandon(connection, loadId);
            throw new PhaseFailure(CopyErrors.describe(plan, sql));
        } catch (RuntimeException e) {
            abandon(connection, loadId);
            throw e;
        }
        loads.finished(loadId, TargetTableLoad.Status.LOADED, rows);
        publisher.publish(cause, progressStep(table), new Progress(Phase.MIGRATION, table, rows, expected));
        return new TableLoad(plan.collection(), table, rows);
    }

    private long copy(EventEnvelope cause, CollectionPlan plan, List<TableColumn> columns, SourceSet snapshot,
                      Connection connection, long expected) throws SQLException {
        String table = plan.table().name().toString();
        String sql = "COPY " + plan.table().name().sql() + " ("
                + columns.stream().map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT csv)";
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 1024);
            long[] written = {0};
            JsonRecords.read(snapshot, plan.collection(), (collection, position, record) -> {
                CsvRow.append(chunk, row(plan, columns, record, position));
                written[0]++;
                if (chunk.length() >= CHUNK_CHARS) {
                    send(copy, chunk);
                }
                if (written[0] % config.progressEvery() == 0 && written[0] != expected) {
                    publisher.publish(cause, progressStep(table) + "/" + written[0],
                            new Progress(Phase.MIGRATION, table, written[0], expected));
                }
            });
            send(copy, chunk);
            long rows = copy.endCopy();
            if (rows != written[0]) {
                throw new PhaseFailure("collection '" + plan.collection() + "': sent " + written[0] + " records to "
                        + table + " but PostgreSQL stored " + rows + " rows");
            }
            return rows;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * Tells a table's progress events apart from every other progress event of the attempt, other
     * phases' included; the table's display name is unambiguous.
     */
    static String progressStep(String table) {
        return PROGRESS_STEP + table;
    }

    private static List<String> row(CollectionPlan plan, List<TableColumn> columns,
                                    ObjectNode record, long position) {
        try {
            Map<String, FieldValue> values = plan.fields().resolve(record);
            List<String> row = new ArrayList<>(columns.size());
            for (TableColumn column : columns) {
                FieldValue value = values.get(column.name());
                row.add(value == null ? null : ValueEncoder.encode(value, column));
            }
            return row;
        } catch (UnmappableRecord e) {
            throw rejected(plan, position, e);
        }
    }

    /** Without a mapping file, the columns written are those the records' fields map to. */
    private static List<TableColumn> columnsUsed(CollectionPlan plan, SourceSet snapshot) {
        Set<String> used = new HashSet<>();
        JsonRecords.read(snapshot, plan.collection(), (collection, position, record) -> {
            try {
                used.addAll(plan.fields().resolve(record).keySet());
            } catch (UnmappableRecord e) {
                throw rejected(plan, position, e);
            }
        });
        return plan.table().columns().stream().filter(c -> used.contains(c.name())).toList();
    }

    private static long countOnly(CollectionPlan plan, SourceSet snapshot) {
        return JsonRecords.read(snapshot, plan.collection(), (collection, position, record) -> {
            throw rejected(plan, position, new UnmappableRecord("(record)", "has no fields to load"));
        });
    }

    private static PhaseFailure rejected(CollectionPlan plan, long position, UnmappableRecord e) {
        return new PhaseFailure("collection '" + plan.collection() + "' record " + position + ": " + e.getMessage());
    }

    private static void send(CopyIn copy, StringBuilder chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        chunk.setLength(0);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new CopyFailed(e);
        }
    }

    private void abandon(Connection connection, long loadId) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the transaction is gone with the connection anyway
        }
        loads.finished(loadId, TargetTableLoad.Status.FAILED, null);
    }

    /** Carries a COPY error out of the record handler. */
    private static final class CopyFailed extends RuntimeException {
        private final SQLException sql;

        CopyFailed(SQLException sql) {
            super(sql);
            this.sql = sql;
        }
    }
}
