package io.jsonmig.migration.load;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.migration.catalog.TableColumn;
import io.jsonmig.migration.catalog.TableConstraints;
import io.jsonmig.migration.reject.RawRecords;
import io.jsonmig.migration.reject.RejectFiles;
import io.jsonmig.migration.reject.RejectsTable;
import io.jsonmig.migration.config.MigrationConfig;
import io.jsonmig.migration.mapping.CollectionPlan;
import io.jsonmig.migration.mapping.FieldValue;
import io.jsonmig.migration.mapping.UnmappableRecord;
import io.jsonmig.support.messaging.EventPublisher;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceSet;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Loads one collection of the snapshot into its table with PostgreSQL COPY, streaming: records are
 * read one at a time and sent in chunks to a {@link StagingTable}, so no table is ever held in memory;
 * the records the target can take are then inserted, the others quarantined in the reject file and
 * {@code _jsonmig_rejects}. A table is loaded in one transaction, whole or not at all.
 */
@ApplicationScoped
public class TableLoader {

    /** Rejects listed in a failure; the reject file holds them all. */
    public static final int MAX_LISTED_REJECTS = 100;
    private static final int CHUNK_CHARS = 64 * 1024;
    private static final JsonFactory NDJSON = JsonFactory.builder().build().setRootValueSeparator("\n");
    private static final String PROGRESS_STEP = "migration/progress/";

    private final TableLoads loads;
    private final EventPublisher publisher;
    private final MigrationConfig config;
    private final RejectFiles rejectFiles;

    public TableLoader(TableLoads loads, EventPublisher publisher, MigrationConfig config, RejectFiles rejectFiles) {
        this.loads = loads;
        this.publisher = publisher;
        this.config = config;
        this.rejectFiles = rejectFiles;
    }

    /**
     * @param expected      the records the snapshot announced for the collection, for progress; -1 if unknown
     * @param rejectsSchema the schema of {@code _jsonmig_rejects}, created with the first reject
     */
    public CollectionLoad load(EventEnvelope cause, CollectionPlan plan, SourceSet snapshot, Connection connection,
                               long expected, String rejectsSchema) {
        String table = plan.table().name().toString();
        List<TableColumn> columns = plan.columns().orElseGet(() -> columnsUsed(plan, snapshot));
        long loadId = loads.starting(cause.migrationId(), cause.attempt(), plan);
        long rows;
        Path rejectFile = null;
        List<String> rejects = new ArrayList<>();
        long rejected;
        try {
            connection.setAutoCommit(false);
            TableConstraints constraints = TableConstraints.read(connection, plan.table().oid());
            StagingTable staging = StagingTable.create(connection, plan.table(), columns);
            long records = copy(cause, plan, columns, constraints.primaryKey(), staging, snapshot, connection, expected);
            staging.markRefused(connection, constraints);
            long[] withoutRaw = staging.refusedWithoutRaw(connection);
            if (withoutRaw.length > 0) {
                copyRaw(plan, snapshot, staging, connection, withoutRaw);
            }
            rows = staging.insertAccepted(connection);
            rejected = records - rows;
            if (rejected > 0) {
                RejectsTable.ensure(connection, rejectsSchema);
                try (PreparedStatement insert = connection.prepareStatement(RejectsTable.insertInto(rejectsSchema)
                        + StagingTable.refusedForRejectsTable())) {
                    insert.setString(1, cause.migrationId());
                    insert.setString(2, plan.collection());
                    insert.executeUpdate();
                }
                rejectFile = rejectFiles.create(cause.migrationId(), plan.collection());
                writeRejects(connection, plan.collection(), rejectFile, rejects);
            }
            connection.commit();
            connection.setAutoCommit(true);
        } catch (SQLException | CopyFailed e) {
            SQLException sql = e instanceof CopyFailed f ? f.sql : (SQLException) e;
            abandon(connection, loadId);
            throw new PhaseFailure(CopyErrors.describe(plan, sql));
        } catch (IOException e) {
            abandon(connection, loadId);
            throw new PhaseFailure("cannot write the reject file " + rejectFile + ": " + e.getMessage());
        } catch (RuntimeException e) {
            abandon(connection, loadId);
            throw e;
        }
        loads.finished(loadId, TargetTableLoad.Status.LOADED, rows);
        publisher.publish(cause, progressStep(table), new Progress(Phase.MIGRATION, table, rows + rejected, expected));
        return new CollectionLoad(new TableLoad(plan.collection(), table, rows, rejected), rejectFile, rejects);
    }

    /** Sends every record to the staging table; a record no column can take goes with its reason instead. */
    private long copy(EventEnvelope cause, CollectionPlan plan, List<TableColumn> columns, List<String> primaryKey,
                      StagingTable staging, SourceSet snapshot, Connection connection, long expected)
            throws SQLException {
        String table = plan.table().name().toString();
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(staging.copySql());
        try {
            StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 1024);
            long[] written = {0};
            JsonRecords.read(snapshot, plan.collection(), (collection, position, record) -> {
                CsvRow.append(chunk, row(plan, columns, primaryKey, record, position));
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
     * The raw JSON of the records only the table's constraints refused, found after the COPY: a second
     * pass over the collection sends just those, by position (ascending), to a second staging table.
     */
    private static void copyRaw(CollectionPlan plan, SourceSet snapshot, StagingTable staging, Connection connection,
                                long[] positions) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(staging.createRawTable(connection));
        try {
            StringBuilder chunk = new StringBuilder(CHUNK_CHARS + 1024);
            int[] next = {0};
            JsonRecords.read(snapshot, plan.collection(), (collection, position, record) -> {
                if (next[0] < positions.length && positions[next[0]] == position) {
                    next[0]++;
                    String exact = RawRecords.exact(record);
                    CsvRow.append(chunk, Arrays.asList(Long.toString(position), exact,
                            RawRecords.forJsonb(record, exact)));
                    if (chunk.length() >= CHUNK_CHARS) {
                        send(copy, chunk);
                    }
                }
            });
            send(copy, chunk);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        staging.mergeRaw(connection);
    }

    /** One NDJSON line per reject, in record order; the first {@link #MAX_LISTED_REJECTS} also described. */
    private static void writeRejects(Connection connection, String collection, Path file, List<String> described)
            throws SQLException, IOException {
        try (Statement select = connection.createStatement();
             OutputStream out = Files.newOutputStream(file, StandardOpenOption.TRUNCATE_EXISTING);
             JsonGenerator json = NDJSON.createGenerator(out)) {
            select.setFetchSize(1000);
            try (ResultSet rs = select.executeQuery(StagingTable.refusedQuery())) {
                while (rs.next()) {
                    long position = rs.getLong(1);
                    String key = rs.getString(2);
                    String reason = rs.getString(3);
                    json.writeStartObject();
                    json.writeStringField("collection", collection);
                    json.writeNumberField("position", position);
                    json.writeFieldName("key");
                    if (key == null) {
                        json.writeNull();
                    } else {
                        json.writeRawValue(key);
                    }
                    json.writeStringField("reason", reason);
                    json.writeFieldName("record");
                    json.writeRawValue(rs.getString(4));
                    json.writeEndObject();
                    if (described.size() < MAX_LISTED_REJECTS) {
                        described.add(describe(collection, position, reason));
                    }
                }
            }
        }
    }

    static String describe(String collection, long position, String reason) {
        return "collection '" + collection + "' record " + position + ": " + reason;
    }

    /**
     * Tells a table's progress events apart from every other progress event of the attempt, other
     * phases' included; the table's display name is unambiguous.
     */
    static String progressStep(String table) {
        return PROGRESS_STEP + table;
    }

    /**
     * The record's values, then its position, key, raw JSON and the reason it is refused (null when it
     * is not). The raw JSON only goes with a refused record: the others would double the bytes sent.
     */
    private static List<String> row(CollectionPlan plan, List<TableColumn> columns, List<String> primaryKey,
                                    ObjectNode record, long position) {
        List<String> row = new ArrayList<>(columns.size() + StagingTable.META.size());
        try {
            Map<String, FieldValue> values = plan.fields().resolve(record, position);
            if (columns.isEmpty()) {
                throw new UnmappableRecord("(record)", "has no fields to load");
            }
            for (TableColumn column : columns) {
                FieldValue value = values.get(column.name());
                row.add(value == null ? null : ValueEncoder.encode(value, column));
            }
            row.add(Long.toString(position));
            row.add(null);
            row.add(null);
            row.add(null);
            row.add(null);
        } catch (UnmappableRecord e) {
            String exact = RawRecords.exact(record);
            row.clear();
            for (int i = 0; i < columns.size(); i++) {
                row.add(null);
            }
            row.add(Long.toString(position));
            row.add(key(plan, primaryKey, record, position));
            row.add(exact);
            row.add(RawRecords.forJsonb(record, exact));
            row.add(e.getMessage());
        }
        return row;
    }

    /** The primary key's fields as JSON ({@code {"id":3}}), when the record's fields resolve; else null. */
    private static String key(CollectionPlan plan, List<String> primaryKey, ObjectNode record, long position) {
        if (primaryKey.isEmpty()) {
            return null;
        }
        try {
            Map<String, FieldValue> values = plan.fields().resolve(record, position);
            ObjectNode key = JsonNodeFactory.instance.objectNode();
            for (String column : primaryKey) {
                FieldValue value = values.get(column);
                if (value == null) {
                    return null;
                }
                key.set(column, value.value());
            }
            return key.toString();
        } catch (UnmappableRecord e) {
            return null;
        }
    }

    /** Without a mapping file, the columns written are those the records' fields map to. */
    private static List<TableColumn> columnsUsed(CollectionPlan plan, SourceSet snapshot) {
        Set<String> used = new HashSet<>();
        JsonRecords.read(snapshot, plan.collection(), (collection, position, record) -> {
            try {
                used.addAll(plan.fields().resolve(record, position).keySet());
            } catch (UnmappableRecord e) {
                // rejected by the load itself, with its reason
            }
        });
        return plan.table().columns().stream().filter(c -> used.contains(c.name())).toList();
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
