package io.jsonmig.migration.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.mappingplan.catalog.TargetCatalog;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.mapping.ChildMapping;
import io.jsonmig.mappingplan.mapping.CollectionMapping;
import io.jsonmig.mappingplan.mapping.MappingFile;
import io.jsonmig.migration.schema.SchemaDirectory;
import io.jsonmig.migration.schema.SchemaMigrator;
import io.jsonmig.migration.schema.SchemaSource;
import io.jsonmig.mappingplan.target.TableName;
import io.jsonmig.migration.target.TargetPrivileges;
import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.snapshot.SnapshotFiles;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceSet;
import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.support.target.TargetProfiles;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the target side of a run before anything changes, and reports every problem at once:
 * the target profile, its database and the privileges the run needs there, the schema directory, the
 * migrations the target has not applied yet and those applied that no longer match it, the mapping
 * file, the snapshot, and that the mapping's tables that already exist are empty. {@code POST /preflight}
 * asks the same questions before a run ({@link RunPreflight}).
 */
@ApplicationScoped
public class TargetPreflight {

    private final TargetProfiles profiles;
    private final AllowedPaths paths;
    private final SnapshotFiles snapshots;

    public TargetPreflight(TargetProfiles profiles, AllowedPaths paths, SnapshotFiles snapshots) {
        this.profiles = profiles;
        this.paths = paths;
        this.snapshots = snapshots;
    }

    /**
     * @param ownTables tables the attempt began to load before a restart: their rows are its own, so
     *                  they need not be empty (an append run checks no table for rows)
     */
    public PreflightResult check(String migrationId, RunSpec spec, SnapshotSummary snapshot, Set<TableName> ownTables) {
        List<String> problems = new ArrayList<>();
        TargetDatabase target = PhaseFailure.collecting(problems, () -> profiles.resolve(spec, migrationId));
        SchemaSource schema = PhaseFailure.collecting(problems, () -> SchemaDirectory.validate(paths.directory(spec.schemaDir(),
                "schema directory")));
        MappingFile mapping = spec.mappingFile() == null ? null
                : PhaseFailure.collecting(problems, () -> MappingFile.read(paths.file(spec.mappingFile(), "mapping file")));
        if (mapping != null && target != null && target.schema() != null) {
            problems.addAll(outsideSchema(mapping, target.schema()));
        }
        SourceSet stored = PhaseFailure.collecting(problems, () -> snapshotSource(snapshot));
        JsonRecords.SourceIndex index = stored == null ? null : PhaseFailure.collecting(problems, () -> index(stored, snapshot));
        SourceSet source = index == null ? stored : stored.withCollectionOffsets(index.offsets());
        List<String> collections = index == null ? null : List.copyOf(index.counts().keySet());
        List<String> pending = new ArrayList<>();
        if (target != null) {
            checkTarget(target, schema, mapping, spec.append() ? null : ownTables, spec.dryRun(), problems, pending);
        }
        if (!problems.isEmpty()) {
            throw new PhaseFailure(problems.size() == 1 ? problems.get(0)
                    : "target preflight found " + problems.size() + " problems: " + String.join("; ", problems),
                    problems);
        }
        return new PreflightResult(target, schema, Optional.ofNullable(mapping), source,
                Objects.requireNonNull(collections), List.copyOf(pending));
    }

    /** The tables to load must be empty: jsonmig never mixes the run's rows with rows it did not write. */
    public static List<String> nonEmpty(TargetCatalog catalog, Collection<TargetTable> tables) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (TargetTable table : tables) {
            long rows = catalog.rowCount(table);
            if (rows > 0) {
                problems.add("target table " + table.name() + " already holds " + rows + " row" + (rows == 1 ? "" : "s")
                        + "; jsonmig loads only into empty tables");
            }
        }
        return problems;
    }

    private void checkTarget(TargetDatabase target, SchemaSource schema, MappingFile mapping, Set<TableName> ownTables,
                             boolean dryRun, List<String> problems, List<String> pending) {
        try (Connection connection = TargetSession.connect(target)) {
            problems.addAll(TargetPrivileges.check(connection, dryRun).missing());
            if (schema != null) {
                PhaseFailure.collecting(problems, () -> pending.addAll(SchemaMigrator.pending(schema, target, connection)));
                if (target.schema() == null) { // a dry run's history starts afresh in its throwaway schema
                    problems.addAll(SchemaMigrator.changedMigrations(schema, target));
                }
            }
            if (mapping == null || ownTables == null) {
                return; // an append run may add to tables that hold rows
            }
            String defaultSchema = TargetSession.defaultSchema(target, connection);
            TargetCatalog catalog = new TargetCatalog(connection);
            List<TargetTable> existing = existingTables(catalog, mapping, defaultSchema).stream()
                    .filter(t -> !ownTables.contains(t.name())).toList();
            problems.addAll(nonEmpty(catalog, existing));
        } catch (PhaseFailure e) {
            problems.addAll(e.problems());
        } catch (SQLException e) {
            problems.add("cannot inspect " + TargetSession.describe(target) + ": " + e.getMessage());
        }
    }

    /** The tables a mapping file loads (its collections' and their child tables) that exist in the target now. */
    public static List<TargetTable> existingTables(TargetCatalog catalog, MappingFile mapping, String defaultSchema)
            throws SQLException {
        List<TargetTable> existing = new ArrayList<>();
        for (CollectionMapping c : mapping.collections()) {
            catalog.table(TableName.parse(c.table(), defaultSchema)).ifPresent(existing::add);
            for (ChildMapping child : c.children()) {
                catalog.table(TableName.parse(child.table(), defaultSchema)).ifPresent(existing::add);
            }
        }
        return existing;
    }

    /**
     * A dry run loads only into its throwaway schema: a mapping that names another schema for a table would
     * load the rehearsal's rows there.
     */
    private static List<String> outsideSchema(MappingFile mapping, String schema) {
        List<String> problems = new ArrayList<>();
        for (CollectionMapping c : mapping.collections()) {
            List<String> tables = new ArrayList<>();
            tables.add(c.table());
            c.children().forEach(child -> tables.add(child.table()));
            for (String table : tables) {
                TableName name = TableName.parse(table, schema);
                if (!name.schema().equals(schema)) {
                    problems.add("mapping file " + mapping.file() + ": collection " + c.collection() + " goes to table "
                            + table + " in schema " + name.schema() + ", but a dry run loads only into its throwaway "
                            + "schema " + schema + ": name the table without its schema");
                }
            }
        }
        return problems;
    }

    /** The snapshot as backup-service stored it, decoded on reading (compressed and encrypted snapshots too). */
    private SourceSet snapshotSource(SnapshotSummary snapshot) {
        paths.directory(snapshot.location(), "snapshot directory");
        return snapshots.source(snapshot);
    }

    /**
     * Reads the whole snapshot once (without building records) and compares it with what the backup
     * announced; a stored file that cannot be decoded (tampered, truncated, another key) fails here.
     * The pass also notes where each collection begins, so that each table's load reads only its own.
     */
    private static JsonRecords.SourceIndex index(SourceSet source, SnapshotSummary snapshot) {
        // a plain snapshot with the backup's offsets is not read here: each table's load checks its count
        Optional<JsonRecords.SourceIndex> noted = SnapshotFiles.indexNotedByBackup(snapshot);
        if (noted.isPresent()) {
            return noted.get();
        }
        JsonRecords.SourceIndex index = JsonRecords.index(source);
        Map<String, Long> announced = snapshot.recordsPerCollection();
        if (announced != null && !announced.equals(index.counts())) {
            throw new PhaseFailure("snapshot " + source.root() + " holds " + index.counts()
                    + " records per collection, but backup.completed announced " + announced);
        }
        return index;
    }

}
