package io.jsonmig.migration.plan;

import io.jsonmig.migration.plan.SourceFields.CollectionFields;
import io.jsonmig.migration.schema.SchemaDirectory;
import io.jsonmig.migration.schema.SchemaMigrator;
import io.jsonmig.migration.schema.SchemaSource;
import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.paths.AllowedPaths;
import io.jsonmig.support.source.SourceScanner;
import io.jsonmig.support.source.SourceSet;
import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.support.target.TargetProfiles;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Infers the mapping plan of a source for a target as its catalog is now. Reads the source and the
 * target's catalog only: changes nothing, takes no lock.
 */
@ApplicationScoped
public class MappingPlans {

    private final TargetProfiles profiles;
    private final AllowedPaths paths;

    public MappingPlans(TargetProfiles profiles, AllowedPaths paths) {
        this.profiles = profiles;
        this.paths = paths;
    }

    /**
     * @throws PlanRefused  a request it cannot plan for (paths, source, an unknown or invalid profile),
     *                      listing every problem
     * @throws PhaseFailure the target cannot be reached or read (named by profile and URL, never the password)
     */
    public PlanDocument plan(PlanRequest request) {
        if (request == null) {
            throw new PlanRefused(List.of("the request has no body: expected {\"sourceDir\": ..., "
                    + "\"targetProfile\": ...}"));
        }
        List<String> problems = new ArrayList<>();
        TargetDatabase target = null;
        if (request.targetProfile() == null || request.targetProfile().isBlank()) {
            problems.add("targetProfile is not set");
        } else {
            try {
                target = profiles.resolve(request.targetProfile());
            } catch (PhaseFailure | IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        SourceSet source = PhaseFailure.collecting(problems, () -> SourceScanner.scan(paths.directory(request.sourceDir(),
                "source directory")));
        SchemaSource schema = request.schemaDir() == null || request.schemaDir().isBlank() ? null
                : PhaseFailure.collecting(problems, () -> SchemaDirectory.validate(paths.directory(request.schemaDir(),
                        "schema directory")));
        if (!problems.isEmpty()) {
            throw new PlanRefused(problems);
        }
        Map<String, CollectionFields> fields;
        try {
            fields = SourceFields.of(source);
        } catch (PhaseFailure e) {
            throw new PlanRefused(e.problems());
        }
        try (Connection connection = TargetSession.connect(target)) {
            List<String> pending = schema == null ? List.of() : SchemaMigrator.pending(schema, target, connection);
            String defaultSchema = TargetSession.currentSchema(connection);
            if (defaultSchema == null) {
                throw new PhaseFailure(TargetSession.describe(target) + " has no current schema: its search_path "
                        + "names no existing schema");
            }
            return new PlanInference(connection, defaultSchema).plan(source.root().toString(), target.profile(),
                    fields, pending);
        } catch (SQLException e) {
            throw new PhaseFailure("cannot read the catalog of " + TargetSession.describe(target) + ": "
                    + e.getMessage());
        }
    }

}
