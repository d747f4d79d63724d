package io.jsonmig.migration.schema;

import java.nio.file.Path;

/**
 * One folder of a Prisma project's {@code prisma/migrations}.
 *
 * @param name     the folder's name, as Prisma records it in {@code _prisma_migrations.migration_name}
 * @param script   its {@code migration.sql}
 * @param checksum SHA-256 of the script's bytes, lower-case hex, as Prisma Migrate computes it
 */
public record PrismaMigration(String name, Path script, String checksum) {
}
