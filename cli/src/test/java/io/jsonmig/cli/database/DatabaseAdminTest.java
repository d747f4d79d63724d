package io.jsonmig.cli.database;

import io.jsonmig.cli.CliException;
import io.jsonmig.testing.PostgresResource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** On the real PostgreSQL server: databases are created once, and recreated empty. */
class DatabaseAdminTest {

    private final PostgresResource.TestDatabases postgres = new PostgresResource.TestDatabases();
    private final String name = "jsonmig_it_cli_admin_demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final DatabaseLogin login = new DatabaseLogin(
            PostgresUrl.parse("JSONMIG_TARGET_DEMO_URL", postgres.url(name)), postgres.user(), Optional.of(postgres.password()));
    private final DatabaseAdmin admin = new DatabaseAdmin();

    @AfterEach
    void drop() {
        postgres.drop(name);
    }

    @Test
    void ensureExistsCreatesTheDatabaseOnce() {
        assertThat(admin.exists(login)).isFalse();

        assertThat(admin.ensureExists(login)).isTrue();
        assertThat(admin.ensureExists(login)).isFalse();

        assertThat(admin.exists(login)).isTrue();
    }

    @Test
    void recreateLeavesAnEmptyDatabaseEvenWithSessionsOpen() throws Exception {
        admin.ensureExists(login);
        try (Connection open = postgres.connect(name); Statement s = open.createStatement()) {
            s.execute("CREATE TABLE users (id int)");

            admin.recreate(login);
        }

        try (Connection c = postgres.connect(name); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void recreateWithACommentMarksTheNewDatabase() {
        assertThat(admin.comment(login)).isEmpty();
        admin.ensureExists(login);
        assertThat(admin.comment(login)).isEmpty();

        admin.recreate(login, "jsonmig's, isn't it");

        assertThat(admin.comment(login)).contains("jsonmig's, isn't it");
        admin.recreate(login);
        assertThat(admin.comment(login)).isEmpty();
    }

    @Test
    void anUnreachableServerIsAnErrorNamingTheSettingAndUser() {
        DatabaseLogin nowhere = new DatabaseLogin(PostgresUrl.parse("JSONMIG_DB_URL", "jdbc:postgresql://127.0.0.1:1/jsonmig"),
                "postgres", Optional.of("s3cret"));

        assertThatThrownBy(() -> admin.ensureExists(nowhere)).isInstanceOf(CliException.class)
                .hasMessageContaining("cannot create database jsonmig via jdbc:postgresql://127.0.0.1:1/postgres")
                .hasMessageContaining("JSONMIG_DB_URL")
                .hasMessageNotContaining("s3cret");
        assertThat(nowhere.toString()).doesNotContain("s3cret");
    }
}
