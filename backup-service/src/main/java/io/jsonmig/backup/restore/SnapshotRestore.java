package io.jsonmig.backup.restore;

import io.jsonmig.support.snapshot.ManifestPaths;
import io.jsonmig.backup.restore.RestoreReport.FileRestore;
import io.jsonmig.backup.restore.RestoreReport.Outcome;
import io.jsonmig.support.snapshot.Manifest;
import io.jsonmig.support.snapshot.ManifestFile;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.support.snapshot.SnapshotCodec;
import io.jsonmig.support.source.FileHashes;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brings the live source files back to a snapshot, byte for byte. Only files that are missing or
 * differ are written; each is written beside its live name, synced, given its recorded mode and
 * renamed over the live name, so the application sees the old file or the restored one, never a
 * partial one. A live file that changed is first kept as a conflict copy: a restore never loses data.
 */
@ApplicationScoped
public class SnapshotRestore {

    /** Suffix of conflict copies; the source scanner ignores such files because of it. */
    public static final String CONFLICT_MARK = ".jsonmig-conflict-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final SnapshotCodec codec;
    private final Clock clock;
    private final ConcurrentHashMap<Path, ReentrantLock> sourceLocks = new ConcurrentHashMap<>();

    public SnapshotRestore(SnapshotCodec codec, Clock clock) {
        this.codec = codec;
        this.clock = clock;
    }

    public RestoreReport restore(TrustedSnapshot snapshot) {
        return restore(snapshot, null);
    }

    /**
     * Brings the live files to {@code snapshot}, keeping a conflict copy only of a live file that differs
     * from {@code base} too: after a reverse sync the live files are expected to be the cut-over snapshot's
     * ({@code base}), and only a file someone wrote since then holds bytes that would otherwise be lost.
     */
    public RestoreReport restore(TrustedSnapshot snapshot, Manifest base) {
        ReentrantLock lock = sourceLocks.computeIfAbsent(snapshot.sourceDir(), dir -> new ReentrantLock());
        lock.lock();
        try {
            List<FileRestore> files = new ArrayList<>();
            for (ManifestFile file : snapshot.manifest().files()) {
                files.add(restoreFile(snapshot, file, base == null ? null : base.file(file.path()).orElse(null),
                        base != null));
            }
            RestoreReport report = new RestoreReport(snapshot.snapshotId(), snapshot.row().location,
                    snapshot.sourceDir().toString(), files);
            Log.infof("restore of %s from snapshot %s: %s", snapshot.sourceDir(), snapshot.snapshotId(),
                    String.join("; ", report.lines()));
            return report;
        } finally {
            lock.unlock();
        }
    }

    private FileRestore restoreFile(TrustedSnapshot snapshot, ManifestFile file, ManifestFile baseFile,
                                    boolean againstBase) {
        try {
            Path live = ManifestPaths.resolveInside(snapshot.sourceDir(), file.path());
            Path stored = ManifestPaths.resolveInside(snapshot.filesDir(), file.path());
            removeLeftTemporaries(live);
            LiveFile before = LiveFile.compare(live, file);
            if (before.state() == LiveFile.State.MATCHES) {
                return new FileRestore(file.path(), Outcome.UNCHANGED, null, null);
            }
            if (Files.isSymbolicLink(live)) {
                throw new IOException(live + " is a symbolic link; jsonmig does not replace links: restore it by hand");
            }
            Path restored = decodeBeside(live, stored, file, snapshot.manifest().storage());
            try {
                boolean asBase = againstBase && baseFile != null
                        && LiveFile.compare(live, baseFile).state() == LiveFile.State.MATCHES;
                Path conflictCopy = before.state() == LiveFile.State.CHANGED && !asBase
                        ? keepConflictCopy(live, snapshot.snapshotId()) : null;
                Files.move(restored, live, StandardCopyOption.ATOMIC_MOVE);
                fsync(live.getParent());
                if (asBase) {
                    return new FileRestore(file.path(), Outcome.REPLACED, null, null);
                }
                return conflictCopy == null
                        ? new FileRestore(file.path(), Outcome.RESTORED_MISSING, null, null)
                        : new FileRestore(file.path(), Outcome.RESTORED_CHANGED, conflictCopy.toString(), null);
            } finally {
                Files.deleteIfExists(restored);
            }
        } catch (IOException | IllegalArgumentException e) {
            Log.errorf("cannot restore %s from snapshot %s: %s", file.path(), snapshot.snapshotId(), e.getMessage());
            return new FileRestore(file.path(), Outcome.FAILED, null, e.getMessage());
        }
    }

    /**
     * A restore killed while it wrote a file leaves its temporary copy beside the live one (nothing ran
     * its clean-up): the next restore of the file removes it. Only restores write such names.
     */
    private static void removeLeftTemporaries(Path live) throws IOException {
        Path dir = live.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        String prefix = temporaryPrefix(live);
        try (var siblings = Files.newDirectoryStream(dir, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path left : siblings) {
                if (Files.isRegularFile(left, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Log.infof("removing %s, left by a restore that did not finish", left);
                    Files.deleteIfExists(left);
                }
            }
        }
    }

    private static String temporaryPrefix(Path live) {
        return "." + live.getFileName() + ".jsonmig-restore-";
    }

    /**
     * Writes the snapshot's copy of a file, decoded, to a hidden temporary name in the live file's
     * directory, and checks it against the manifest before anything else happens.
     */
    private Path decodeBeside(Path live, Path stored, ManifestFile file, SnapshotStorage storage)
            throws IOException {
        Files.createDirectories(live.getParent());
        Path temp = live.resolveSibling(temporaryPrefix(live) + UUID.randomUUID());
        MessageDigest digest = FileHashes.sha256();
        long written;
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (InputStream in = codec.open(stored, storage);
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(temp, StandardOpenOption.WRITE),
                         digest)) {
                written = in.transferTo(out);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (written != file.bytes() || !sha256.equals(file.sha256())) {
                throw new IOException("the snapshot's copy " + stored + " is corrupt: it decodes to " + written
                        + " bytes with SHA-256 " + sha256 + ", the manifest recorded " + file.bytes() + " bytes with "
                        + file.sha256() + "; the live file was left as it is");
            }
            fsync(temp);
            if (file.mode() != null) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(file.mode()));
            }
            return temp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** A second name for the changed live file's bytes (a hard link, or a copy where links are not possible). */
    private Path keepConflictCopy(Path live, String snapshotId) throws IOException {
        String base = live.getFileName() + CONFLICT_MARK + snapshotId + "-" + STAMP.format(clock.instant());
        for (int n = 1; ; n++) {
            Path copy = live.resolveSibling(n == 1 ? base : base + "-" + n);
            try {
                Files.createLink(copy, live);
                return copy;
            } catch (FileAlreadyExistsException taken) {
                continue; // two restores within a second: take the next number
            } catch (IOException | UnsupportedOperationException linkNotPossible) {
                Log.debugf("cannot hard-link %s (%s): copying it", live, linkNotPossible.getMessage());
            }
            try {
                Files.copy(live, copy, StandardCopyOption.COPY_ATTRIBUTES);
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            fsync(copy);
            return copy;
        }
    }

    private static void fsync(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
