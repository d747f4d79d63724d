package io.jsonmig.backup.preflight;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * What a source file looked like when the preflight read it: a later read that finds another size,
 * modification time or hash means the application wrote to it in between.
 *
 * @param sha256 {@code null} until the file's content was read
 */
public record FileFingerprint(long size, FileTime modified, String sha256) {

    /** Size and modification time of a file now, without its hash. */
    public static FileFingerprint stat(Path file) throws IOException {
        return new FileFingerprint(Files.size(file), Files.getLastModifiedTime(file), null);
    }

    public FileFingerprint withSha256(String hash) {
        return new FileFingerprint(size, modified, hash);
    }

    /** Whether size and modification time still match (the hash is compared by the caller, who has it). */
    public boolean sameStat(FileFingerprint other) {
        return size == other.size && modified.equals(other.modified);
    }
}
