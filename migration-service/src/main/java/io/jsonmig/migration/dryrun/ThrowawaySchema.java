package io.jsonmig.migration.dryrun;

import io.jsonmig.mappingplan.catalog.ObjectKind;
import io.jsonmig.migration.catalog.TargetChanges;
import io.jsonmig.mappingplan.target.Identifiers;
import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.messaging.PhaseFailure;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A dry run's throwaway schema ({@code DryRuns.schemaFor}): created by the run right after the capture, so it is
 * recorded as one of the run's objects and removed with them, last, by the clean-up or a rollback.
 */
@ApplicationScoped
public class ThrowawaySchema {

    private final TargetChanges changes;

    public ThrowawaySchema(TargetChanges changes) {
        this.changes = changes;
    }

    /**
     * Creates the schema the session is scoped to; again after a restart, it is there already. A schema of that
     * name that existed before the run is refused: it is not the run's to fill or to remove.
     */
    public void create(String migrationId, TargetSession session) {
        String schema = session.defaultSchema();
        if (changes.existedBefore(migrationId, ObjectKind.SCHEMA, schema, schema)) {
            throw new PhaseFailure(TargetSession.describe(session.database()) + " already holds a schema " + schema
                    + ", which this dry run must create itself and remove afterwards; it was left as it is (drop "
                    + "it if it is a rehearsal's leftover)");
        }
        Connection connection = session.connection();
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(schema));
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new PhaseFailure("cannot create the dry run's schema " + schema + " in "
                    + TargetSession.describe(session.database()) + ": " + e.getMessage());
        }
        changes.recordCreated(migrationId, session);
    }
}
