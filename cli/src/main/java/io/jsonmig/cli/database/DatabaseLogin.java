package io.jsonmig.cli.database;

import io.jsonmig.cli.config.CliConfig;

import java.util.Optional;

/** A database and the login that may create it. {@link #toString()} never shows the password. */
public record DatabaseLogin(PostgresUrl url, String user, Optional<String> password) {

    public static DatabaseLogin of(String setting, CliConfig.Database config) {
        return new DatabaseLogin(PostgresUrl.parse(setting, config.url()), config.user(), config.password());
    }

    @Override
    public String toString() {
        return url.url() + " (user " + user + ")";
    }
}
