package io.jsonmig.backup.preflight;

import io.jsonmig.support.source.SourceSet;

import java.nio.file.Path;
import java.util.Map;

/**
 * A source that passed the preflight: its files with what they looked like when they were read, and
 * the records counted in that same pass (the copies are not parsed again).
 *
 * @param collectionOffsets where each collection's array begins in a db.json, found in the same pass
 *                          (empty for the other layouts)
 */
public record CheckedSource(SourceSet source, Map<Path, FileFingerprint> fingerprints,
                            Map<String, Long> recordsPerCollection, Map<String, Long> collectionOffsets,
                            long totalBytes) {

    public CheckedSource {
        fingerprints = Map.copyOf(fingerprints);
        recordsPerCollection = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(recordsPerCollection));
        collectionOffsets = Map.copyOf(collectionOffsets);
    }

    public FileFingerprint fingerprint(Path file) {
        return fingerprints.get(file);
    }
}
