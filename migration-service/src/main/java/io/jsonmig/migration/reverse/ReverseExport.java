package io.jsonmig.migration.reverse;

import io.jsonmig.events.payload.CollectionSync;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.mappingplan.reject.RejectedRecords;
import io.jsonmig.mappingplan.catalog.TableColumn;
import io.jsonmig.migration.catalog.TableConstraints;
import io.jsonmig.mappingplan.mapping.CollectionPlan;
import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.job.Cancellation;
import io.jsonmig.support.job.ConnectionLoss;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.snapshot.Manifest;
import io.jsonmig.support.snapshot.SnapshotCodec;
import io.jsonmig.support.snapshot.SnapshotFiles;
import io.jsonmig.support.snapshot.TrustedManifest;
import io.jsonmig.support.source.RecordRanges;
import io.jsonmig.support.source.SourceLayout;
import io.jsonmig.support.source.SourceSet;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Exports the fenced tables back into the source's layout, as a new snapshot beside the cut-over one,
 * by reversing the run's mapping plan over that snapshot's records (see {@link CollectionExport}). It
 * reads the tables in one REPEATABLE READ transaction: one consistent state, even if the fence did not
 * hold. A rollback with no writes gives files byte-identical to the cut-over snapshot's.
 */
@ApplicationScoped
public class ReverseExport {

    /** What the export holds: the snapshot, the figures per collection, where the rejects stand. */
    public record Exported(SnapshotSummary snapshot, List<CollectionSync> collections,
                           Map<String, List<Long>> rejectPositions) {
    }

    private final SnapshotFiles snapshots;
    private final SnapshotCodec codec;
    private final AllowedPaths paths;
    private final ObjectMapper json;
    private final Clock clock;

    public ReverseExport(SnapshotFiles snapshots, SnapshotCodec codec, AllowedPaths paths, ObjectMapper json,
                         Clock clock) {
        this.snapshots = snapshots;
        this.codec = codec;
        this.paths = paths;
        this.json = json;
        this.clock = clock;
    }

    /** The export's snapshot id: the cut-over snapshot's, marked as its reverse. */
    public static String snapshotIdOf(SnapshotSummary base) {
        return base.snapshotId() + "-reverse";
    }

    public Exported export(String migrationId, int attempt, SnapshotSummary base, List<CollectionPlan> plans,
                           TargetSession session, Cancellation cancellation) {
        Path baseDir = paths.directory(base.location(), "cut-over snapshot " + base.snapshotId());
        Manifest baseManifest;
        try {
            baseManifest = TrustedManifest.read(baseDir, base.manifestSha256());
        } catch (TrustedManifest.UntrustedManifestException e) {
            throw new PhaseFailure("the cut-over snapshot " + base.snapshotId() + " cannot be trusted: " + e.getMessage());
        }
        SourceSet source = snapshots.source(base);
        Connection connection = session.connection();
        try {
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            }
            Map<String, Set<Long>> rejected = RejectedRecords.read(connection, session.defaultSchema(), migrationId);
            Map<String, CollectionExport> exports = new LinkedHashMap<>();
            int index = 0;
            for (CollectionPlan plan : plans) {
                List<String> keyNames = TableConstraints.read(connection, plan.table().oid()).primaryKey();
                List<TableColumn> keys = keyNames.stream().map(k -> plan.table().column(k).orElseThrow()).toList();
                exports.put(plan.collection(), new CollectionExport(plan, keys, rejected, index++));
            }
            Map<Path, List<RecordRanges.Collection>> ranges = readKeys(source, exports, connection, cancellation);
            Exported exported = write(migrationId, attempt, base, baseManifest, baseDir.getParent(), source, ranges,
                    exports, connection, cancellation);
            connection.commit();
            return exported;
        } catch (SQLException e) {
            rollbackQuietly(connection);
            if (ConnectionLoss.is(e)) {
                throw ConnectionLoss.interruption("exporting the fenced tables", e);
            }
            throw new PhaseFailure("cannot read the fenced tables: " + e.getMessage());
        } catch (IOException e) {
            rollbackQuietly(connection);
            throw new PhaseFailure("cannot write the reverse sync's export next to " + baseDir + ": " + e.getMessage());
        } catch (RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the session closes next
            }
        }
    }

    /** Pass 1: every record's key and position, and where each record lies in its file. */
    private Map<Path, List<RecordRanges.Collection>> readKeys(SourceSet source, Map<String, CollectionExport> exports,
                                                            Connection connection, Cancellation cancellation)
            throws SQLException {
        Map<Path, List<RecordRanges.Collection>> ranges = new LinkedHashMap<>();
        CollectionExport[] current = {null};
        try {
            readKeys(source, exports, connection, cancellation, ranges, current);
        } catch (KeysFailed e) {
            throw e.getCause();
        }
        if (current[0] != null) {
            current[0].endKeys(connection);
        }
        // a collection without records still needs its (empty) keys to find the inserted rows
        for (CollectionExport export : exports.values()) {
            if (!export.keysRead()) {
                export.beginKeys(connection);
                export.endKeys(connection);
            }
        }
        return ranges;
    }

    private static void readKeys(SourceSet source, Map<String, CollectionExport> exports, Connection connection,
                                 Cancellation cancellation, Map<Path, List<RecordRanges.Collection>> ranges,
                                 CollectionExport[] current) {
        for (Path file : source.files()) {
            cancellation.check();
            ranges.put(file, RecordRanges.of(source, file, exports.keySet(), (collection, position, record) -> {
                try {
                    CollectionExport export = exports.get(collection);
                    if (current[0] != export) {
                        if (current[0] != null) {
                            current[0].endKeys(connection);
                        }
                        export.beginKeys(connection);
                        current[0] = export;
                    }
                    export.addRecord(position, record);
                } catch (SQLException e) {
                    throw new KeysFailed(e);
                }
            }));
        }
    }

    /** Pass 2: each file copied into the export with the tables' rows carried in. */
    private Exported write(String migrationId, int attempt, SnapshotSummary base, Manifest baseManifest, Path root,
                           SourceSet source, Map<Path, List<RecordRanges.Collection>> ranges,
                           Map<String, CollectionExport> exports, Connection connection, Cancellation cancellation)
            throws IOException, SQLException {
        Map<String, Long> records = new LinkedHashMap<>(base.recordsPerCollection());
        Map<String, Long> offsets = new LinkedHashMap<>();
        boolean ndjson = source.layout() == SourceLayout.NDJSON;
        int depth = switch (source.layout()) {
            case DB_JSON -> 2;
            case ARRAY_PER_FILE -> 1;
            case NDJSON -> 0;
        };
        try (ExportSnapshot export = new ExportSnapshot(json, codec, baseManifest, root, snapshotIdOf(base))) {
            for (Map.Entry<Path, List<RecordRanges.Collection>> file : ranges.entrySet()) {
                cancellation.check();
                try (InputStream in = source.open(file.getKey());
                     ExportSnapshot.File out = export.create(source.relativeName(file.getKey()))) {
                    ByteCursor cursor = new ByteCursor(in);
                    for (RecordRanges.Collection collection : file.getValue()) {
                        CollectionExport exporting = exports.get(collection.collection());
                        if (!ndjson) {
                            cursor.copyTo(collection.open(), out);
                            if (source.layout() == SourceLayout.DB_JSON) {
                                offsets.put(collection.collection(), out.offset());
                            }
                        }
                        if (exporting == null) {
                            continue; // not the run's: copied through as it is
                        }
                        cursor.copyTo(Math.max(0, collection.innerStart()), out);
                        exporting.writeBack(connection, collection, cursor, out, depth, ndjson);
                        records.put(collection.collection(), exporting.exportedRecords());
                    }
                    cursor.copyRest(out);
                }
            }
            SnapshotSummary summary = export.finish(migrationId, attempt, Instant.now(clock), records, offsets);
            Map<String, List<Long>> rejectPositions = new HashMap<>();
            exports.values().forEach(e -> rejectPositions.putAll(e.rejectPositions()));
            return new Exported(summary, exports.values().stream().map(CollectionExport::figures).toList(),
                    rejectPositions);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the transaction ends with the connection
        }
    }

    /** A database error inside the record handler, carried out of it. */
    private static final class KeysFailed extends RuntimeException {
        KeysFailed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }
}
