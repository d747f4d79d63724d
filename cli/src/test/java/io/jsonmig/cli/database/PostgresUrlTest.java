package io.jsonmig.cli.database;

import io.jsonmig.cli.CliException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresUrlTest {

    @Test
    void reachesTheAdministrativeDatabaseOnTheSameServerKeepingTheParameters() {
        PostgresUrl url = PostgresUrl.parse("JSONMIG_DB_URL", "jdbc:postgresql://db.example:6543/jsonmig?sslmode=require");

        assertThat(url.database()).isEqualTo("jsonmig");
        assertThat(url.adminUrl()).isEqualTo("jdbc:postgresql://db.example:6543/postgres?sslmode=require");
        assertThat(url.url()).isEqualTo("jdbc:postgresql://db.example:6543/jsonmig?sslmode=require");
        assertThat(url.quotedDatabase()).isEqualTo("\"jsonmig\"");
        assertThat(url.host()).isEqualTo("db.example");
        assertThat(url.port()).isEqualTo(6543);
    }

    @Test
    void defaultsThePort() {
        assertThat(PostgresUrl.parse("X", "jdbc:postgresql://localhost/jsonmig_demo").port()).isEqualTo(5432);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jsonmig\"; DROP DATABASE x; --", "Jsonmig", "1db", "my-db", "", "a b"})
    void acceptsOnlyPlainDatabaseNamesAndNamesTheSetting(String database) {
        assertThatThrownBy(() -> PostgresUrl.parse("JSONMIG_TARGET_DEMO_URL", "jdbc:postgresql://127.0.0.1:5432/" + database))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("JSONMIG_TARGET_DEMO_URL names database '" + database + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgresql://127.0.0.1/jsonmig", "jdbc:mysql://127.0.0.1/jsonmig", "jdbc:postgresql://"})
    void rejectsUrlsThatAreNotPostgresUrlsWithADatabase(String url) {
        assertThatThrownBy(() -> PostgresUrl.parse("JSONMIG_DB_URL", url))
                .isInstanceOf(CliException.class)
                .hasMessageStartingWith("JSONMIG_DB_URL is '" + url + "'");
    }
}
