package io.jsonmig.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads files once so that the measurement after it finds them in the page cache. Nothing is ever
 * dropped from the cache: both sides of the benchmark start warm.
 */
public final class PageCache {

    private PageCache() {
    }

    public static void warm(List<Path> files) {
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }
}
