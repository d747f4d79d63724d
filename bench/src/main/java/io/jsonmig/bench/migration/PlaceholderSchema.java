package io.jsonmig.bench.migration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The Flyway schema and the mapping of the JSONPlaceholder-shaped source (resources under
 * {@code placeholder/}): written to files for the services, and applied directly for the loads the
 * service is compared with, so every side loads into the same tables.
 */
public final class PlaceholderSchema {

    public static final String MIGRATION = "V1__create_tables.sql";
    private static final String SCHEMA_RESOURCE = "/placeholder/schema/" + MIGRATION;
    private static final String MAPPING_RESOURCE = "/placeholder/mapping.json";

    private PlaceholderSchema() {
    }

    /** Writes the Flyway migration into {@code dir} (created) and returns the directory. */
    public static Path writeSchemaDir(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(MIGRATION), resource(SCHEMA_RESOURCE));
        return dir;
    }

    public static Path writeMapping(Path file) throws IOException {
        Files.writeString(file, resource(MAPPING_RESOURCE));
        return file;
    }

    /** Creates the tables as the migration-service's Flyway run would (one script, no history table). */
    public static void apply(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(resource(SCHEMA_RESOURCE));
        }
    }

    private static String resource(String name) {
        try (InputStream in = PlaceholderSchema.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the benchmark's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
