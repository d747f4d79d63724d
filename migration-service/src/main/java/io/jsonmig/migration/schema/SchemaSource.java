package io.jsonmig.migration.schema;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A run's checked schema directory: Flyway-named SQL migrations, or a Prisma project's migrations folder.
 *
 * @param directory the run's schema directory, or the Prisma migrations folder found in it
 * @param prisma    present when the directory is a Prisma project
 */
public record SchemaSource(Path directory, Optional<PrismaProject> prisma) {

    public static SchemaSource flyway(Path directory) {
        return new SchemaSource(directory, Optional.empty());
    }

    public static SchemaSource prisma(PrismaProject project) {
        return new SchemaSource(project.directory(), Optional.of(project));
    }
}
