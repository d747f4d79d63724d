package io.jsonmig.migration.preflight;

import io.jsonmig.mappingplan.mapping.MappingFile;
import io.jsonmig.migration.schema.SchemaSource;
import io.jsonmig.support.source.SourceSet;
import io.jsonmig.support.target.TargetDatabase;

import java.util.List;
import java.util.Optional;

/**
 * Everything the migration needs, checked before anything changes.
 *
 * @param collections       the snapshot's collections in the order it holds them
 * @param pendingMigrations the schema migrations the target has not applied yet (Flyway scripts or Prisma folders)
 */
public record PreflightResult(TargetDatabase target, SchemaSource schema, Optional<MappingFile> mapping,
                              SourceSet snapshot, List<String> collections, List<String> pendingMigrations) {
}
