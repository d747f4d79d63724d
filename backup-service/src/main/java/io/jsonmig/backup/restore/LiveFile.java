package io.jsonmig.backup.restore;

import io.jsonmig.support.snapshot.ManifestFile;
import io.jsonmig.support.source.FileHashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A live source file compared with its manifest entry by size and SHA-256.
 *
 * @param bytes  size of the live file; {@code null} when missing
 * @param sha256 SHA-256 of the live file; {@code null} when missing
 */
public record LiveFile(Path path, State state, Long bytes, String sha256) {

    public enum State { MATCHES, CHANGED, MISSING }

    /** Reads {@code live} (never writes it) and compares it with what the manifest recorded. */
    public static LiveFile compare(Path live, ManifestFile expected) throws IOException {
        if (!Files.exists(live, LinkOption.NOFOLLOW_LINKS)) {
            return new LiveFile(live, State.MISSING, null, null);
        }
        if (!Files.isRegularFile(live)) {
            throw new IOException(live + " is not a regular file");
        }
        long bytes = Files.size(live);
        String sha256 = FileHashes.sha256(live);
        boolean matches = bytes == expected.bytes() && sha256.equals(expected.sha256());
        return new LiveFile(live, matches ? State.MATCHES : State.CHANGED, bytes, sha256);
    }
}
