package io.jsonmig.migration.reverse;

import io.jsonmig.migration.load.TableLoads;
import io.jsonmig.mappingplan.target.Identifiers;
import io.jsonmig.mappingplan.target.TableName;
import io.jsonmig.migration.target.TargetSession;
import io.jsonmig.support.job.ConnectionLoss;
import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.target.TargetDatabase;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables a rollback after the cut-over fenced, when the run is retried: their rows — what the
 * application wrote in PostgreSQL, evidence for the investigation — are copied into schema
 * {@value #ARCHIVE_SCHEMA}, never dropped; then the fence comes off and the tables are emptied, so
 * the new attempt loads the JSON files (which hold those writes now) into the same tables, with
 * their keys, indexes and foreign keys as the schema migrations made them.
 */
@ApplicationScoped
public class FencedTableArchive {

    public static final String ARCHIVE_SCHEMA = "jsonmig_archive";

    private final TableLoads loads;

    public FencedTableArchive(TableLoads loads) {
        this.loads = loads;
    }

    /**
     * @return what was archived, one line per table; empty when the previous attempt fenced nothing
     */
    public List<String> archiveBeforeRetry(String migrationId, int attempt, TargetDatabase target) {
        if (attempt <= 1) {
            return List.of();
        }
        List<TableName> previous = loads.loadedBy(migrationId, attempt - 1).stream()
                .sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
        if (previous.isEmpty()) {
            return List.of();
        }
        try (TargetSession session = TargetSession.open(target)) {
            Connection connection = session.connection();
            List<TableName> fenced = fenced(connection, previous);
            if (fenced.isEmpty()) {
                return List.of();
            }
            List<String> archived = new ArrayList<>();
            connection.setAutoCommit(false);
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + Identifiers.quote(ARCHIVE_SCHEMA));
                for (TableName table : fenced) {
                    String copy = archiveName(table, migrationId, attempt - 1);
                    String qualified = Identifiers.quote(ARCHIVE_SCHEMA) + "." + Identifiers.quote(copy);
                    s.execute("DROP TABLE IF EXISTS " + qualified); // a retry that crashed after copying
                    int rows = s.executeUpdate("CREATE TABLE " + qualified + " AS TABLE " + table.sql());
                    s.execute("DROP TRIGGER IF EXISTS " + WriteFencing.ROW_TRIGGER + " ON " + table.sql());
                    s.execute("DROP TRIGGER IF EXISTS " + WriteFencing.TRUNCATE_TRIGGER + " ON " + table.sql());
                    archived.add(table + ": " + rows + " row(s) archived as " + ARCHIVE_SCHEMA + "." + copy);
                }
                s.execute("TRUNCATE " + String.join(", ", fenced.stream().map(TableName::sql).toList()));
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
            archived.forEach(line -> Log.infof("[%s] before attempt %d: %s", migrationId, attempt, line));
            return archived;
        } catch (SQLException e) {
            if (ConnectionLoss.is(e)) {
                throw ConnectionLoss.interruption("archiving the fenced tables", e);
            }
            throw new PhaseFailure("cannot archive the tables attempt " + (attempt - 1) + " fenced: " + e.getMessage()
                    + "; they stay fenced, and the new attempt does not load");
        }
    }

    /** {@code <table>_a<attempt>_<run>}, within PostgreSQL's 63 bytes. */
    static String archiveName(TableName table, String migrationId, int attempt) {
        String suffix = "_a" + attempt + "_" + migrationId.substring(Math.max(0, migrationId.length() - 4));
        String base = table.schema().equals("public") ? table.name() : table.schema() + "_" + table.name();
        return (base.length() + suffix.length() > 63 ? base.substring(0, 63 - suffix.length()) : base) + suffix;
    }

    private static List<TableName> fenced(Connection connection, List<TableName> tables) throws SQLException {
        List<TableName> fenced = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT 1 FROM pg_catalog.pg_trigger WHERE tgrelid = to_regclass(?) AND tgname = ?")) {
            for (TableName table : tables) {
                s.setString(1, table.sql());
                s.setString(2, WriteFencing.ROW_TRIGGER);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        fenced.add(table);
                    }
                }
            }
        }
        return fenced;
    }
}
