package io.jsonmig.e2e.chaos;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A table of the application that the run has nothing to do with, in the target before the run:
 * a rollback must leave it and its rows (and its sequence) exactly as they were.
 */
final class UnrelatedTable {

    static final String NAME = "app_audit_log";
    static final int ROWS = 500;

    private UnrelatedTable() {
    }

    static void create(Connection target) throws SQLException {
        try (Statement s = target.createStatement()) {
            s.execute("CREATE TABLE " + NAME + " (id serial PRIMARY KEY, at timestamptz NOT NULL, note text NOT NULL)");
            s.execute("INSERT INTO " + NAME + " (at, note) SELECT timestamptz '2026-01-01 00:00:00+00' + n * interval "
                    + "'1 minute', 'entry ' || n || ' — kept by the application' FROM generate_series(1, " + ROWS + ") n");
        }
    }
}
