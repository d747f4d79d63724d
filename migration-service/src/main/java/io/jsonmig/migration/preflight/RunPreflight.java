package io.jsonmig.migration.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.events.preflight.PreflightChecks;
import io.jsonmig.mappingplan.catalog.TargetCatalog;
import io.jsonmig.mappingplan.catalog.TargetTable;
import io.jsonmig.mappingplan.mapping.InferredTables;
import io.jsonmig.mappingplan.mapping.CollectionPlan;
import io.jsonmig.mappingplan.mapping.MappingFile;
import io.jsonmig.mappingplan.mapping.MappingPlanner;
import io.jsonmig.migration.plan.MappingCompleteness;
import io.jsonmig.migration.plan.SourceFields;
import io.jsonmig.migration.plan.SourceFields.CollectionFields;
import io.jsonmig.migration.reverse.Reversibility;
import io.jsonmig.migration.schema.SchemaDirectory;
import io.jsonmig.migration.schema.SchemaMigrator;
import io.jsonmig.migration.schema.SchemaSource;
import io.jsonmig.migration.target.TargetPrivileges;
import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.source.SourceScanner;
import io.jsonmig.support.target.SafeUrl;
import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.support.target.TargetProfiles;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The target side of a run's pre-flight checklist ({@code POST /preflight}), before any snapshot exists:
 * the questions {@link TargetPreflight} asks when the phase begins, plus whether the mapping leaves
 * anything open, asked of the live source and the target as it is now. Every statement runs in a
 * read-only transaction; Flyway only reads its history ({@code info}, {@code validate}). Nothing is
 * created or changed.
 */
@ApplicationScoped
public class RunPreflight {

    public static final String REACHABLE = PreflightChecks.TARGET_REACHABLE;
    public static final String PRIVILEGES = PreflightChecks.TARGET_PRIVILEGES;
    public static final String SCHEMA = PreflightChecks.SCHEMA_MIGRATIONS;
    public static final String TABLES = PreflightChecks.TARGET_TABLES;
    public static final String MAPPING = PreflightChecks.MAPPING_COMPLETE;
    public static final String REVERSIBLE = PreflightChecks.MAPPING_REVERSIBLE;

    private final TargetProfiles profiles;
    private final AllowedPaths paths;

    public RunPreflight(TargetProfiles profiles, AllowedPaths paths) {
        this.profiles = profiles;
        this.paths = paths;
    }

    public List<PreflightCheck> check(RunSpec spec) {
        List<PreflightCheck> checks = new ArrayList<>();
        TargetDatabase target;
        try {
            target = profiles.resolve(spec.targetProfile());
        } catch (PhaseFailure | IllegalArgumentException e) {
            checks.add(PreflightCheck.failed(REACHABLE, e.getMessage(), "set JSONMIG_TARGET_"
                    + spec.targetProfile().toUpperCase(Locale.ROOT) + "_URL (and _USER, _PASSWORD) in migration-service's "
                    + "environment, or run with a configured target profile"));
            return notChecked(checks, "target profile '" + spec.targetProfile() + "' is not usable");
        }
        Connection connection;
        try {
            connection = TargetSession.connect(target);
        } catch (PhaseFailure e) {
            checks.add(PreflightCheck.failed(REACHABLE, e.getMessage(), "check that PostgreSQL runs at "
                    + SafeUrl.of(target.url()) + " and lets user " + target.user() + " in from migration-service "
                    + "(host, port, pg_hba.conf, password)"));
            return notChecked(checks, "target " + SafeUrl.of(target.url()) + " did not answer");
        }
        try (connection) {
            readOnly(connection);
            checks.add(PreflightCheck.passed(REACHABLE, TargetSession.describe(target) + ", "
                    + connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion()));
            TargetPrivileges.Found privileges = TargetPrivileges.check(connection, spec.dryRun());
            checks.add(privileges.missing().isEmpty()
                    ? PreflightCheck.passed(PRIVILEGES, privileges.granted(spec.dryRun()))
                    : PreflightCheck.failed(PRIVILEGES, String.join("; ", privileges.missing()), grants(privileges,
                    spec.dryRun())));
            List<String> pending = new ArrayList<>();
            checks.add(schema(spec, target, connection, pending));
            inspectSource(spec, target, connection, privileges.schema(), pending, checks);
        } catch (SQLException e) {
            checks.add(PreflightCheck.failed(nextName(checks),
                    "cannot inspect " + TargetSession.describe(target) + ": " + e.getMessage(),
                    "check the target database's state and migration-service's log"));
            return notChecked(checks, "the target could not be read");
        }
        return checks;
    }

    private PreflightCheck schema(RunSpec spec, TargetDatabase target, Connection connection, List<String> pending) {
        SchemaSource schema;
        List<String> changed;
        try {
            schema = SchemaDirectory.validate(paths.directory(spec.schemaDir(), "schema directory"));
            pending.addAll(SchemaMigrator.pending(schema, target, connection));
            // a dry run applies every migration afresh in its throwaway schema: the target's history is not its
            changed = spec.dryRun() ? List.of() : SchemaMigrator.changedMigrations(schema, target);
        } catch (PhaseFailure e) {
            return PreflightCheck.failed(SCHEMA, String.join("; ", e.problems()), "give a directory under "
                    + "migration-service's JSONMIG_ALLOWED_ROOTS holding Flyway migrations (V<version>__<name>.sql) or "
                    + "a Prisma project, and keep applied migrations as they were applied");
        }
        if (!changed.isEmpty()) {
            return PreflightCheck.failed(SCHEMA, String.join("; ", changed), "restore each applied migration as it was "
                    + "applied and put the change in a new migration (V<next>__...), or repair the target's history");
        }
        if (spec.dryRun()) {
            return PreflightCheck.passed(SCHEMA, "valid; a dry run applies every migration of " + schema.directory()
                    + " to its throwaway schema (" + pending.size() + " pending in the target itself)");
        }
        return PreflightCheck.passed(SCHEMA, pending.isEmpty()
                ? "none pending: every migration of " + schema.directory() + " is applied"
                : pending.size() + " pending: " + String.join(", ", pending));
    }

    /** target-tables and mapping-complete: both need the source's collections and the mapping file. */
    private void inspectSource(RunSpec spec, TargetDatabase target, Connection connection, String defaultSchema,
                               List<String> pending, List<PreflightCheck> checks) throws SQLException {
        if (defaultSchema == null) {
            String because = TargetSession.describe(target) + " has no current schema";
            checks.add(PreflightCheck.notChecked(TABLES, because));
            checks.add(PreflightCheck.notChecked(MAPPING, because));
            checks.add(PreflightCheck.notChecked(REVERSIBLE, because));
            return;
        }
        Map<String, CollectionFields> source = null;
        String sourceProblem = null;
        try {
            source = SourceFields.of(SourceScanner.scan(paths.directory(spec.sourceDir(), "source directory"),
                    spec.sourceFiles()).source());
        } catch (PhaseFailure e) {
            sourceProblem = String.join("; ", e.problems());
        }
        MappingFile mapping = null;
        List<String> mappingProblems = List.of();
        if (spec.mappingFile() != null) {
            try {
                mapping = MappingFile.read(paths.file(spec.mappingFile(), "mapping file"));
            } catch (PhaseFailure e) {
                mappingProblems = e.problems();
            }
        }
        TargetCatalog catalog = new TargetCatalog(connection);
        if (mapping == null && source == null) {
            checks.add(PreflightCheck.notChecked(TABLES, "the source cannot be read by migration-service: "
                    + sourceProblem));
        } else {
            List<TargetTable> existing = mapping != null ? TargetPreflight.existingTables(catalog, mapping, defaultSchema)
                    : inferredTables(catalog, source, defaultSchema);
            checks.add(spec.dryRun() ? PreflightCheck.passed(TABLES, "a dry run loads into a throwaway schema of its "
                    + "own: the " + existing.size() + " existing table" + (existing.size() == 1 ? "" : "s")
                    + " it maps to stay untouched") : tables(spec, catalog, existing));
        }
        if (!mappingProblems.isEmpty()) {
            checks.add(PreflightCheck.failed(MAPPING, String.join("; ", mappingProblems), "correct the mapping file "
                    + "where named (docs/mapping-plan.md; 'jsonmig plan' writes one to start from)"));
        } else if (source == null) {
            checks.add(PreflightCheck.notChecked(MAPPING, "the source cannot be read by migration-service: "
                    + sourceProblem));
        } else {
            checks.add(mapping(MappingCompleteness.of(connection, defaultSchema, spec.sourceDir(), target.profile(),
                    source, Optional.ofNullable(mapping)), pending, spec.dryRun()));
        }
        checks.add(reversible(spec, connection, catalog, defaultSchema, source == null ? null
                : List.copyOf(source.keySet()), mappingProblems.isEmpty() ? Optional.ofNullable(mapping) : null, pending,
                checks.get(checks.size() - 1)));
    }

    /**
     * mapping-reversible: for a run with a stabilization window, what a rollback after the cut-over could
     * not carry back, asked as the load asks it ({@link Reversibility}) of the plan fitted to the catalog.
     *
     * @param mapping null when the mapping file could not be read
     */
    private static PreflightCheck reversible(RunSpec spec, Connection connection, TargetCatalog catalog,
                                             String defaultSchema, List<String> collections,
                                             Optional<MappingFile> mapping, List<String> pending,
                                             PreflightCheck mappingCheck) throws SQLException {
        if (spec.dryRun()) {
            return PreflightCheck.passed(REVERSIBLE, "a dry run never cuts over: there is nothing to roll back");
        }
        if (spec.stabilization() == null || !spec.stabilization().hasWindow()) {
            return PreflightCheck.passed(REVERSIBLE, "the run has no stabilization window (--stabilization-window 0): "
                    + "it ends at the cut-over, without a way back from PostgreSQL to the JSON files");
        }
        if (mapping == null || collections == null || !mappingCheck.passed()) {
            return PreflightCheck.notChecked(REVERSIBLE, "the mapping is not complete (" + MAPPING + ")");
        }
        List<CollectionPlan> plans;
        try {
            plans = new MappingPlanner(catalog, defaultSchema, Set.of(), MappingCompleteness.PREFLIGHT_RUN).plan(mapping, collections);
        } catch (PhaseFailure unfit) {
            // passed mapping-complete: the pending schema migrations create what the catalog lacks now
            return PreflightCheck.passed(REVERSIBLE, "checked when the run starts, after " + pendingMigrations(pending)
                    + " (the tables are not there yet)");
        }
        List<String> problems = Reversibility.problems(connection, plans, spec.append(), Set.of());
        if (!problems.isEmpty() && !pending.isEmpty()) {
            return PreflightCheck.passed(REVERSIBLE, "checked again when the run starts, after " + pendingMigrations(pending)
                    + "; against the tables as they "
                    + "are now: " + String.join("; ", problems));
        }
        if (!problems.isEmpty()) {
            return PreflightCheck.failed(REVERSIBLE, "the run has a stabilization window of " + spec.stabilization()
                    .window() + ", but a rollback after the cut-over could not carry everything back: "
                    + String.join("; ", problems), Reversibility.FIX);
        }
        return PreflightCheck.passed(REVERSIBLE, "a rollback within the stabilization window of "
                + spec.stabilization().window() + " can carry every table back into its collection (" + plans.size()
                + " collection" + (plans.size() == 1 ? "" : "s") + ", each matched by its primary key)");
    }

    private static List<TargetTable> inferredTables(TargetCatalog catalog, Map<String, CollectionFields> source,
                                                    String defaultSchema) throws SQLException {
        List<TargetTable> existing = new ArrayList<>();
        for (String collection : source.keySet()) {
            InferredTables.find(catalog, collection, defaultSchema).ifPresent(existing::add);
        }
        return existing;
    }

    private static PreflightCheck tables(RunSpec spec, TargetCatalog catalog, List<TargetTable> existing)
            throws SQLException {
        if (spec.append()) {
            return PreflightCheck.passed(TABLES, "an append run: its rows are added to the " + existing.size()
                    + " existing table" + (existing.size() == 1 ? "" : "s") + " it loads");
        }
        List<String> nonEmpty = TargetPreflight.nonEmpty(catalog, existing);
        if (!nonEmpty.isEmpty()) {
            return PreflightCheck.failed(TABLES, String.join("; ", nonEmpty), "empty those tables, load into another "
                    + "target profile, or run with --append to add to them (each needs a primary key)");
        }
        return PreflightCheck.passed(TABLES, existing.isEmpty() ? "no table to load exists yet"
                : existing.size() + " table" + (existing.size() == 1 ? "" : "s") + " to load exist"
                + (existing.size() == 1 ? "s" : "") + " and " + (existing.size() == 1 ? "is" : "are") + " empty: "
                + String.join(", ", existing.stream().map(t -> t.name().toString()).toList()));
    }

    private static String pendingMigrations(List<String> pending) {
        return "the " + pending.size() + " pending schema migration" + (pending.size() == 1 ? "" : "s");
    }

    /** @param dryRun the run fits the mapping to its throwaway schema, where every migration is applied afresh */
    private static PreflightCheck mapping(MappingCompleteness found, List<String> pending, boolean dryRun) {
        List<String> open = new ArrayList<>(found.sourceProblems());
        if (pending.isEmpty() && !dryRun) {
            open.addAll(found.catalogProblems());
        }
        if (!open.isEmpty()) {
            return PreflightCheck.failed(MAPPING, String.join("; ", open), "map what is open in a mapping file "
                    + "('jsonmig plan' writes one to start from), or add the tables and columns in a schema migration");
        }
        if (!found.catalogProblems().isEmpty()) {
            // The pending migrations create or change the tables: what the catalog lacks now may be theirs to add.
            int openNow = found.catalogProblems().size();
            return PreflightCheck.passed(MAPPING, "the tables are fitted when the run starts, after "
                    + (dryRun ? "the schema migrations in its throwaway schema" : pendingMigrations(pending))
                    + " (" + openNow + " item" + (openNow == 1 ? "" : "s") + " open against the catalog as it is now, e.g. "
                    + found.catalogProblems().get(0) + ")");
        }
        return PreflightCheck.passed(MAPPING, found.covered());
    }

    private static String grants(TargetPrivileges.Found found, boolean dryRun) {
        String schema = found.schema() == null ? "<schema>" : found.schema();
        return "as the database owner: " + (dryRun ? "GRANT CREATE, TEMP ON DATABASE " + found.database() + " TO "
                + found.user() : "GRANT CREATE ON SCHEMA " + schema + " TO " + found.user() + "; GRANT TEMP ON DATABASE "
                + found.database() + " TO " + found.user()) + " (or use a profile whose user may)";
    }

    /** Every statement of this connection runs read-only: a check cannot change the target by mistake. */
    private static void readOnly(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
        }
    }

    private static final List<String> ORDER = PreflightChecks.BY_SERVICE.get(PreflightResource.SERVICE);

    private static String nextName(List<PreflightCheck> checks) {
        return ORDER.get(Math.min(checks.size(), ORDER.size() - 1));
    }

    private static List<PreflightCheck> notChecked(List<PreflightCheck> checks, String because) {
        for (String name : ORDER.subList(checks.size(), ORDER.size())) {
            checks.add(PreflightCheck.notChecked(name, because));
        }
        return checks;
    }
}
