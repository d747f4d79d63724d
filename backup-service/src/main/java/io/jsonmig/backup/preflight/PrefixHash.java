package io.jsonmig.backup.preflight;

import io.jsonmig.support.source.FileHashes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** SHA-256 of a file's first {@code limit} bytes (its size when the preflight began), and how many there were. */
record PrefixHash(String sha256, long bytes) {

    static PrefixHash of(Path file, long limit) throws IOException {
        MessageDigest digest = FileHashes.sha256();
        byte[] buffer = new byte[SourcePreflight.BUFFER_SIZE];
        long bytes = 0;
        try (InputStream in = new BoundedInputStream(Files.newInputStream(file), limit)) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                digest.update(buffer, 0, n);
                bytes += n;
            }
        }
        return new PrefixHash(HexFormat.of().formatHex(digest.digest()), bytes);
    }
}
