package io.jsonmig.mappingplan.mapping;

import java.nio.file.Path;
import java.util.List;

/**
 * A mapping plan (docs/mapping-plan.md): JSON ({@code *.json}) or YAML ({@code *.yaml}, {@code *.yml}),
 * collections in load order. Reading it reports every problem at once, each naming the file, the
 * key path in it and its line.
 */
public record MappingFile(Path file, List<CollectionMapping> collections) {

    public MappingFile {
        collections = List.copyOf(collections);
    }

    /** @throws io.jsonmig.support.messaging.PhaseFailure listing every problem of the file */
    public static MappingFile read(Path file) {
        return MappingFileReader.read(file);
    }

    public CollectionMapping collection(String name) {
        return collections.stream().filter(c -> c.collection().equals(name)).findFirst().orElse(null);
    }
}
