package io.jsonmig.cli.database;

import io.jsonmig.cli.CliException;
import jakarta.enterprise.context.ApplicationScoped;
import org.postgresql.Driver;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/** Creates and drops databases through the administrative database of their server. */
@ApplicationScoped
public class DatabaseAdmin {

    private static final Driver DRIVER = new Driver();

    /** @return whether the database had to be created */
    public boolean ensureExists(DatabaseLogin db) {
        try (Connection admin = connectAdmin(db)) {
            if (exists(admin, db.url().database())) {
                return false;
            }
            try (Statement s = admin.createStatement()) {
                s.execute("CREATE DATABASE " + db.url().quotedDatabase());
            }
            return true;
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) {
                return false; // created concurrently by someone else: fine
            }
            throw failure("cannot create database " + db.url().database(), db, e);
        }
    }

    /** Drops the database (closing its sessions) and creates it empty. */
    public void recreate(DatabaseLogin db) {
        recreate(db, null);
    }

    /**
     * Drops the database (closing its sessions) and creates it empty, with that comment
     * ({@code COMMENT ON DATABASE}) unless it is {@code null}. The caller decides whether the database
     * may be dropped.
     */
    public void recreate(DatabaseLogin db, String comment) {
        try (Connection admin = connectAdmin(db); Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db.url().quotedDatabase() + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + db.url().quotedDatabase());
            if (comment != null) {
                s.execute("COMMENT ON DATABASE " + db.url().quotedDatabase() + " IS " + literal(comment));
            }
        } catch (SQLException e) {
            throw failure("cannot drop and recreate database " + db.url().database(), db, e);
        }
    }

    /** The database's comment ({@code COMMENT ON DATABASE}); empty when it has none or does not exist. */
    public Optional<String> comment(DatabaseLogin db) {
        try (Connection admin = connectAdmin(db);
             PreparedStatement q = admin.prepareStatement(
                     "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            q.setString(1, db.url().database());
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("cannot read the comment of database " + db.url().database(), db, e);
        }
    }

    public boolean exists(DatabaseLogin db) {
        try (Connection admin = connectAdmin(db)) {
            return exists(admin, db.url().database());
        } catch (SQLException e) {
            throw failure("cannot look up database " + db.url().database(), db, e);
        }
    }

    private static boolean exists(Connection admin, String database) throws SQLException {
        try (PreparedStatement q = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** An SQL string literal (standard_conforming_strings is on since PostgreSQL 9.1). */
    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    private static Connection connectAdmin(DatabaseLogin db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        db.password().filter(p -> !p.isEmpty()).ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", "jsonmig-cli");
        props.setProperty("connectTimeout", "10");
        // The driver directly rather than DriverManager: no class-loader dependent driver registry.
        return DRIVER.connect(db.url().adminUrl(), props);
    }

    private static CliException failure(String what, DatabaseLogin db, SQLException e) {
        return new CliException(what + " via " + db.url().adminUrl() + " as user " + db.user() + " ("
                + db.url().setting() + "): " + e.getMessage(), e);
    }
}
