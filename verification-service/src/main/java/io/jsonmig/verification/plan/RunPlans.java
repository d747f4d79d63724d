package io.jsonmig.verification.plan;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.mappingplan.catalog.TargetCatalog;
import io.jsonmig.mappingplan.mapping.MappingFile;
import io.jsonmig.mappingplan.mapping.MappingPlanner;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.Set;

/**
 * Learns how the run mapped its records: the mapping file named in the run's spec (under the allowed
 * roots), or without one the rules by name; both resolved with the shared mapping-plan code and the
 * target's catalog, exactly as migration-service's load resolved them.
 */
@ApplicationScoped
public class RunPlans {

    private final AllowedPaths paths;

    public RunPlans(AllowedPaths paths) {
        this.paths = paths;
    }

    /**
     * @param collections  the snapshot's collections, in its order
     * @param loadedTables the tables {@code data.migrated} names, qualified as PostgreSQL displays them
     */
    public RunPlan plan(Connection connection, RunSpec spec, String migrationId, List<String> collections,
                        List<String> loadedTables) throws SQLException {
        String defaultSchema = loadSchema(loadedTables).orElse(currentSchema(connection));
        Optional<Path> file = Optional.ofNullable(spec.mappingFile()).map(f -> paths.file(f, "mapping file"));
        try {
            Optional<MappingFile> mapping = file.map(MappingFile::read);
            return new RunPlan(defaultSchema, new MappingPlanner(new TargetCatalog(connection), defaultSchema,
                    Set.of(), migrationId).plan(mapping, collections), List.of());
        } catch (PhaseFailure e) {
            List<String> problems = e.problems() == null || e.problems().isEmpty() ? List.of(e.getMessage())
                    : e.problems();
            return new RunPlan(defaultSchema, List.of(), problems.stream()
                    .map(p -> "schema conformance: " + p).toList());
        }
    }

    /**
     * The default schema the load resolved unqualified names in: the schema most of the loaded tables lie in
     * (every table, without a mapping file). The same as this service's current schema when both connect to
     * the profile alike.
     */
    static Optional<String> loadSchema(List<String> loadedTables) {
        return loadedTables.stream().map(RunPlans::schemaOf).flatMap(Optional::stream)
                .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
    }

    /** The schema of {@code schema.table} as PostgreSQL displays it ({@code "My Schema".t}: {@code My Schema}). */
    static Optional<String> schemaOf(String displayed) {
        if (displayed == null || displayed.isEmpty()) {
            return Optional.empty();
        }
        if (displayed.charAt(0) != '"') {
            int dot = displayed.indexOf('.');
            return dot <= 0 ? Optional.empty() : Optional.of(displayed.substring(0, dot));
        }
        StringBuilder schema = new StringBuilder();
        for (int i = 1; i < displayed.length(); i++) {
            char c = displayed.charAt(i);
            if (c == '"') {
                if (i + 1 < displayed.length() && displayed.charAt(i + 1) == '"') {
                    schema.append('"');
                    i++;
                } else {
                    return i + 1 < displayed.length() && displayed.charAt(i + 1) == '.'
                            ? Optional.of(schema.toString()) : Optional.empty();
                }
            } else {
                schema.append(c);
            }
        }
        return Optional.empty();
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
