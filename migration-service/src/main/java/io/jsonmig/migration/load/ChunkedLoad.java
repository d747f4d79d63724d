package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.migration.catalog.TableConstraints;
import io.jsonmig.migration.load.LoadCheckpoints.Checkpoint;
import io.jsonmig.mappingplan.mapping.FieldValue;
import io.jsonmig.mappingplan.mapping.UnmappableRecord;
import io.jsonmig.migration.reject.RawRecords;
import io.jsonmig.migration.reject.RejectsTable;
import io.jsonmig.mappingplan.target.Identifiers;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.RecordBytes;
import io.jsonmig.support.source.SourceSet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One table's load, chunk by chunk: the records of a chunk stream through COPY, straight into the
 * table while nothing is refused, or else into a fresh {@link StagingTable}, from which the rows the
 * target can take are inserted and the others quarantined in {@code _jsonmig_rejects} and the reject
 * file; then the chunk's checkpoint is written and the transaction commits. So a crash loses at most
 * the chunk in flight, and the next run goes on from the checkpoint. A record goes into a direct
 * COPY straight from the parser's tokens when its table's routes allow ({@link StreamedRecordEncoder}),
 * otherwise as a tree. The chunk's bytes stay in memory until it commits (bounded by records and
 * bytes), so that a chunk can switch to staging, and the raw JSON of a record the constraints refuse
 * be quarantined, from the records' trees built again, without a second read of the collection.
 */
final class ChunkedLoad {

    private static final int COPY_BYTES = 64 * 1024;
    private static final JsonFactory NDJSON = JsonFactory.builder().build().setRootValueSeparator("\n");

    /** Told about every record read, for progress. */
    @FunctionalInterface
    interface RecordListener {
        void read(long done, long bytes);
    }

    private final Connection connection;
    private final TableRows rows;
    private final List<TableColumn> columns;
    private final TableConstraints constraints;
    /** The table's primary key, which names the rejects: the catalog's, or the deferred one's. */
    private final List<String> primaryKey;
    private final String ledgerSchema;
    private final String migrationId;
    private final int attempt;
    private final int chunkRecords;
    private final long chunkBytes;
    private final Supplier<Path> newRejectFile;
    private final boolean trackKeys;

    private Checkpoint checkpoint;
    private Path rejectFile;
    private CopySender sender;
    /** The records the collection holds, as the last run counted them; -1 before. */
    private long recordsInCollection = -1;

    /** Encodes a record for the direct COPY without its tree; null when the records need their trees. */
    private final StreamedRecordEncoder streamed;
    /** Where the chunk's records are in {@link #bytes}: their START_OBJECT and the offset after their END_OBJECT. */
    private long[] recordStarts = new long[1024];
    private long[] recordEnds = new long[1024];
    private int records;
    private RecordBytes bytes;
    private long stagedRows;
    private final CopyBuffer csv = new CopyBuffer(COPY_BYTES + 64 * 1024);
    private StagingTable staging;
    private CopyIn copy;
    /** The chunk goes straight into the table (see {@link #begin}); otherwise through {@link #staging}. */
    private final Cancellation cancellation;
    private boolean direct;
    private long firstPosition;
    private long lastPosition;
    private long bytesRead;

    /**
     * @param rejectFile    the reject file as the checkpoint left it, {@code null} if there is none yet
     * @param newRejectFile creates the reject file for the first reject
     * @param trackKeys     records the primary key of every row inserted in {@link LoadedKeys} (the table
     *                      held rows before the run)
     * @param cancellation  read after every chunk's commit: a cancelled load stops at its last checkpoint
     */
    ChunkedLoad(Connection connection, TableRows rows, List<TableColumn> columns, TableConstraints constraints,
                List<String> primaryKey, String ledgerSchema, String migrationId, int attempt, int chunkRecords, long chunkBytes,
                Checkpoint from, Path rejectFile, Supplier<Path> newRejectFile, boolean trackKeys,
                Cancellation cancellation) {
        this.connection = connection;
        this.cancellation = cancellation;
        this.rows = rows;
        this.columns = columns;
        this.constraints = constraints;
        this.primaryKey = primaryKey;
        this.ledgerSchema = ledgerSchema;
        this.migrationId = migrationId;
        this.attempt = attempt;
        this.chunkRecords = chunkRecords;
        this.chunkBytes = chunkBytes;
        this.checkpoint = from;
        this.rejectFile = rejectFile;
        this.newRejectFile = newRejectFile;
        this.trackKeys = trackKeys;
        this.bytesRead = from.bytes();
        this.streamed = trackKeys || columns.isEmpty() ? null
                : rows.routes().map(routes -> new StreamedRecordEncoder(routes, columns)).orElse(null);
    }

    /** Loads the records from the checkpoint on; returns the final checkpoint (finished). */
    Checkpoint run(SourceSet snapshot, RecordListener listener) throws SQLException, IOException {
        sender = new CopySender(rows.table().name().toString());
        try {
            connection.setAutoCommit(false);
            // A chunk's commit need not wait for its WAL to reach the disk: a database crash loses the
            // last chunks' rows and their checkpoints together, and the load redoes them. The last
            // chunk's commit waits (see commit), since data.migrated follows it.
            synchronousCommit(false);
            recordsInCollection = JsonRecords.stream(snapshot, rows.collection(), checkpoint.nextPosition(),
                    (position, parser, start, kept) -> {
                try {
                    add(position, parser, kept);
                    bytesRead = parser.currentLocation().getByteOffset() - start;
                    if (records >= chunkRecords || bytesRead - checkpoint.bytes() >= chunkBytes) {
                        commitWritingRejects();
                    }
                } catch (SQLException e) {
                    throw new Failed(e);
                }
                listener.read(position + 1, bytesRead);
            });
            commit(true);
            connection.setAutoCommit(true);
            return checkpoint;
        } catch (Failed e) {
            throw e.sql;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            sender.close();
            if (copy != null && copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** A chunk's commit inside the walk: an error writing the reject file is not one reading the snapshot. */
    private void commitWritingRejects() throws SQLException {
        try {
            commit(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cancellation.check();
    }

    private void synchronousCommit(boolean on) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET synchronous_commit = " + (on ? "DEFAULT" : "off"));
        }
    }

    Path rejectFile() {
        return rejectFile;
    }

    /** The records the collection holds, as {@link #run} counted them while it read them. */
    long recordsInCollection() {
        return recordsInCollection;
    }

    /**
     * A chunk starts optimistically with COPY straight into the table, as fast as PostgreSQL loads:
     * most chunks of most sources hold nothing the table refuses. The first row refused while encoding,
     * or a constraint error of the COPY, sends the chunk through the staging table instead (the
     * chunk's transaction is rolled back and its records sent again), which sorts the refused rows
     * out. An append run always stages: it records the keys of the rows it adds.
     */
    private void begin(long position) throws SQLException {
        firstPosition = position;
        if (trackKeys || columns.isEmpty()) {
            beginStaging();
            return;
        }
        direct = true;
        copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + rows.table().name().sql() + " ("
                + columns.stream().map(c -> Identifiers.quote(c.name())).collect(Collectors.joining(", "))
                + ") FROM STDIN (FORMAT csv)");
    }

    private void beginStaging() throws SQLException {
        direct = false;
        staging = StagingTable.create(connection, rows.table(), columns);
        copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(staging.copySql());
    }

    /** Undoes the direct COPY and sends the chunk's records so far to a staging table instead. */
    private void stageInstead() throws SQLException {
        try {
            sender.drain();
        } catch (SQLException e) {
            if (!refusedByConstraint(e)) {
                throw e;
            }
            // the staging table sorts out what the table refused
        }
        if (copy.isActive()) {
            copy.cancelCopy();
        }
        // The transaction holds nothing but this chunk's COPY (the previous chunk committed): rolling it
        // back undoes exactly the chunk, without the cost of a savepoint (a subtransaction) per chunk.
        connection.rollback();
        synchronousCommit(false);
        csv.clear();
        stagedRows = 0;
        beginStaging();
        for (int i = 0; i < records; i++) {
            append(rows(record(i), firstPosition + i));
            if (csv.length() >= COPY_BYTES) {
                sender.send(copy, csv);
            }
        }
    }

    /**
     * Adds the record the parser stands on to the chunk: straight from its tokens while the chunk goes
     * directly into the table and the record needs nothing else, otherwise through its tree.
     */
    private void add(long position, JsonParser parser, RecordBytes kept) throws SQLException, IOException {
        long start = parser.currentTokenLocation().getByteOffset();
        if (copy == null) {
            begin(position);
            bytes = kept;
            bytes.keepFrom(start);
        }
        if (direct && streamed != null) {
            if (streamed.encode(parser, csv)) {
                stagedRows++;
            } else {
                appendRows(kept.record(start, parser.currentLocation().getByteOffset()), position);
            }
        } else {
            appendRows((ObjectNode) JsonRecords.value(parser), position);
        }
        noteRecord(start, parser.currentLocation().getByteOffset());
        lastPosition = position;
        if (csv.length() >= COPY_BYTES) {
            sendChunk();
        }
    }

    private void appendRows(ObjectNode record, long position) throws SQLException {
        List<List<String>> recordRows = rows(record, position);
        if (direct && recordRows.stream().anyMatch(row -> row.get(row.size() - 1) != null)) {
            stageInstead();
        }
        append(recordRows);
    }

    private void noteRecord(long start, long end) {
        if (records == recordStarts.length) {
            recordStarts = Arrays.copyOf(recordStarts, records * 2);
            recordEnds = Arrays.copyOf(recordEnds, records * 2);
        }
        recordStarts[records] = start;
        recordEnds[records] = end;
        records++;
    }

    /** The chunk's i-th record, parsed again from its bytes. */
    private ObjectNode record(int i) {
        try {
            return bytes.record(recordStarts[i], recordEnds[i]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void append(List<List<String>> recordRows) {
        for (List<String> row : recordRows) {
            csv.appendRow(direct ? row.subList(0, columns.size()) : row);
            stagedRows++;
        }
    }

    /** Sends what is buffered; a direct COPY the table's constraints refuse goes through staging instead. */
    private void sendChunk() throws SQLException {
        try {
            sender.send(copy, csv);
        } catch (SQLException e) {
            if (!direct || !refusedByConstraint(e)) {
                throw e;
            }
            stageInstead();
            sender.send(copy, csv);
        }
    }

    /** {@code 23xxx}: integrity constraint violation (NOT NULL, unique, foreign key, check). */
    private static boolean refusedByConstraint(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /** Commits the chunk's rows, rejects and checkpoint together; the last commit marks the table loaded. */
    private void commit(boolean last) throws SQLException, IOException {
        long loaded = 0;
        long rejected = 0;
        if (copy != null && direct) {
            try {
                sendChunk();
                if (direct) {
                    sender.drain();
                    loaded = copy.endCopy();
                }
            } catch (SQLException e) {
                if (!refusedByConstraint(e)) {
                    throw e;
                }
                stageInstead();
            }
            if (direct && loaded != stagedRows) {
                throw new PhaseFailure("collection '" + rows.collection() + "': sent " + stagedRows
                        + " rows to " + rows.table().name() + " but PostgreSQL stored " + loaded);
            }
        }
        if (copy != null && !direct) {
            sender.send(copy, csv);
            sender.drain();
            long sent = copy.endCopy();
            if (sent != stagedRows) {
                throw new PhaseFailure("collection '" + rows.collection() + "': sent " + stagedRows
                        + " rows to " + rows.table().name() + " but PostgreSQL staged " + sent);
            }
            staging.markRefused(connection, constraints, primaryKey);
            long[] withoutRaw = staging.refusedWithoutRaw(connection);
            if (withoutRaw.length > 0) {
                copyRaw(withoutRaw);
            }
            if (trackKeys) {
                LoadedKeys.recordAccepted(connection, ledgerSchema, migrationId, rows.table().name(),
                        primaryKey, StagingTable.acceptedRows());
            }
            loaded = staging.insertAccepted(connection);
            rejected = stagedRows - loaded;
            if (rejected > 0) {
                quarantine();
            }
        }
        long next = copy == null ? checkpoint.nextPosition() - 1 : lastPosition;
        checkpoint = checkpoint.after(next, loaded, rejected, bytesRead, last);
        LoadCheckpoints.save(connection, ledgerSchema, migrationId, attempt, rows.collection(), rows.table().name(),
                checkpoint);
        if (last) {
            synchronousCommit(true);
        }
        connection.commit();
        copy = null;
        staging = null;
        direct = false;
        records = 0;
        stagedRows = 0;
    }

    /** The raw JSON of the records only the table's constraints refused, from the chunk's records. */
    private void copyRaw(long[] positions) throws SQLException {
        CopyIn raw = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(staging.createRawTable(connection));
        try {
            CopyBuffer chunk = new CopyBuffer(COPY_BYTES + 64 * 1024);
            for (long position : positions) {
                ObjectNode record = record((int) (position - firstPosition));
                String exact = RawRecords.exact(record);
                chunk.appendRow(Arrays.asList(Long.toString(position), exact, RawRecords.forJsonb(record, exact)));
                if (chunk.length() >= COPY_BYTES) {
                    chunk.sendTo(raw);
                }
            }
            chunk.sendTo(raw);
            raw.endCopy();
        } finally {
            if (raw.isActive()) {
                raw.cancelCopy();
            }
        }
        staging.mergeRaw(connection);
    }

    /**
     * The chunk's refused rows into {@code _jsonmig_rejects} and the reject file, before the commit: a
     * crash after the file was written and before the commit leaves lines the resumed load drops
     * ({@code RejectFiles.keptBefore}).
     */
    private void quarantine() throws SQLException, IOException {
        try (PreparedStatement insert = connection.prepareStatement(RejectsTable.insertInto(ledgerSchema)
                + StagingTable.refusedForRejectsTable())) {
            insert.setString(1, migrationId);
            insert.setString(2, rows.rejectsLabel());
            insert.executeUpdate();
        }
        if (rejectFile == null) {
            rejectFile = newRejectFile.get();
        }
        try (FileChannel channel = FileChannel.open(rejectFile, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            OutputStream out = Channels.newOutputStream(channel);
            try (Statement select = connection.createStatement(); JsonGenerator json = NDJSON.createGenerator(out)) {
                select.setFetchSize(1000);
                try (ResultSet rs = select.executeQuery(StagingTable.refusedQuery())) {
                    while (rs.next()) {
                        writeReject(json, rs);
                    }
                }
                json.writeRaw('\n');
                json.flush();
                channel.force(true);
            }
        }
    }

    private void writeReject(JsonGenerator json, ResultSet rs) throws SQLException, IOException {
        String key = rs.getString(2);
        json.writeStartObject();
        json.writeStringField("collection", rows.rejectsLabel());
        json.writeNumberField("position", rs.getLong(1));
        json.writeFieldName("key");
        if (key == null) {
            json.writeNull();
        } else {
            json.writeRawValue(key);
        }
        json.writeStringField("reason", rs.getString(3));
        json.writeFieldName("record");
        json.writeRawValue(rs.getString(4));
        json.writeEndObject();
    }

    /**
     * The staging rows of one record: each row's values, then the record's position, the element's
     * index (child tables), the key, raw JSON and the reason the row is refused (null when it is not).
     * The raw JSON only goes with a refused row: the others would double the bytes sent.
     */
    private List<List<String>> rows(ObjectNode record, long position) {
        List<List<String>> staged = new ArrayList<>();
        for (StagedRow row : rows.of(record, position)) {
            staged.add(row(record, position, row));
        }
        return staged;
    }

    private List<String> row(ObjectNode record, long position, StagedRow staged) {
        String element = staged.element() == null ? null : Integer.toString(staged.element());
        List<String> row = new ArrayList<>(columns.size() + StagingTable.META.size());
        try {
            if (staged.refused() != null) {
                throw staged.refused();
            }
            if (columns.isEmpty()) {
                throw new UnmappableRecord("(record)", "has no fields to load");
            }
            for (TableColumn column : columns) {
                FieldValue value = staged.values().get(column.name());
                row.add(value == null ? null : ValueEncoder.encode(value, column));
            }
            row.add(Long.toString(position));
            row.add(element);
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
            row.add(element);
            row.add(key(staged.values()));
            row.add(exact);
            row.add(RawRecords.forJsonb(record, exact));
            row.add(e.getMessage());
        }
        return row;
    }

    /** The primary key's values as JSON ({@code {"id":3}}), when the row's fields resolved; else null. */
    private String key(Map<String, FieldValue> values) {
        if (primaryKey.isEmpty() || values.isEmpty()) {
            return null;
        }
        ObjectNode key = JsonNodeFactory.instance.objectNode();
        for (String column : primaryKey) {
            FieldValue value = values.get(column);
            if (value == null) {
                return null;
            }
            key.set(column, value.value());
        }
        return key.toString();
    }

    /** Carries an SQL error out of the record handler. */
    private static final class Failed extends RuntimeException {
        private final SQLException sql;

        Failed(SQLException sql) {
            super(sql);
            this.sql = sql;
        }
    }
}
