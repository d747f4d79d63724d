package io.jsonmig.migration.preflight;

import io.jsonmig.migration.mapping.MappingFile;
import io.jsonmig.support.source.SourceSet;
import io.jsonmig.support.target.TargetDatabase;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything the migration needs, checked before anything changes.
 *
 * @param collections the snapshot's collections in the order it holds them
 */
public record PreflightResult(TargetDatabase target, Path schemaDir, Optional<MappingFile> mapping,
                              SourceSet snapshot, List<String> collections) {
}
