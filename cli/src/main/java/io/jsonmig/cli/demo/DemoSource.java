package io.jsonmig.cli.demo;

import io.jsonmig.cli.CliException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The demo's source directory: a fresh copy of the example's data file alone. examples/blog also
 * holds mapping.json, and the services read every *.json of a source directory as data, so the
 * example directory itself cannot be the source.
 */
final class DemoSource {

    static final String DATA_FILE = "db.json";

    private DemoSource() {
    }

    static Path stage(Path example, Path dir) {
        Path data = example.resolve(DATA_FILE);
        if (!Files.isRegularFile(data)) {
            throw new CliException("the demo's data file " + data + " is missing: is JSONMIG_HOME the repository?");
        }
        try {
            Files.createDirectories(dir);
            Files.copy(data, dir.resolve(DATA_FILE), StandardCopyOption.REPLACE_EXISTING);
            return dir.toRealPath();
        } catch (IOException e) {
            throw new CliException("cannot copy " + data + " to " + dir + ": " + e.getMessage(), e);
        }
    }
}
