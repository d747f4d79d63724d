package io.jsonmig.support.snapshot;

import io.jsonmig.support.snapshot.Manifest;
import io.jsonmig.events.serde.EventJson;
import io.jsonmig.support.source.FileHashes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a snapshot's manifest only once its bytes match the SHA-256 recorded beside it in
 * {@code manifest.json.sha256} and the one the ledger recorded when it was written: everything a
 * verify, restore or drift check does rests on the manifest, so an edited one is never used.
 */
public final class TrustedManifest {

    /** The manifest could not be read or does not match its recorded checksums; the message says which. */
    public static final class UntrustedManifestException extends Exception {
        public UntrustedManifestException(String message) {
            super(message);
        }
    }

    private TrustedManifest() {
    }

    /**
     * @param ledgerSha256 the manifest hash the ledger recorded, or {@code null} (then the checksum file must exist)
     */
    public static Manifest read(Path snapshotDir, String ledgerSha256) throws UntrustedManifestException {
        Path manifestFile = snapshotDir.resolve(Manifest.FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(manifestFile);
        } catch (IOException e) {
            throw new UntrustedManifestException("manifest " + manifestFile + " cannot be read: " + e.getMessage());
        }
        String actual = FileHashes.sha256(bytes);
        List<String> problems = new ArrayList<>();
        if (ledgerSha256 != null && !ledgerSha256.equalsIgnoreCase(actual)) {
            problems.add("manifest " + manifestFile + " has SHA-256 " + actual + " but the ledger recorded "
                    + ledgerSha256 + " when it was written: it was modified, so it is not used");
        }
        Path checksumFile = snapshotDir.resolve(Manifest.CHECKSUM_FILE_NAME);
        try {
            String recorded = Files.readString(checksumFile, StandardCharsets.US_ASCII).strip().split("\\s+", 2)[0];
            if (!recorded.equalsIgnoreCase(actual)) {
                problems.add("manifest " + manifestFile + " has SHA-256 " + actual + " but " + checksumFile
                        + " records " + recorded);
            }
        } catch (NoSuchFileException e) {
            // snapshots written before the checksum file existed have the ledger's hash only, which is enough
            if (ledgerSha256 == null) {
                problems.add("manifest checksum " + checksumFile + " is missing");
            }
        } catch (IOException e) {
            problems.add("manifest checksum " + checksumFile + " cannot be read: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new UntrustedManifestException(String.join("; ", problems));
        }
        try {
            return EventJson.mapper().readValue(bytes, Manifest.class);
        } catch (IOException e) {
            throw new UntrustedManifestException("manifest " + manifestFile + " cannot be parsed: " + e.getMessage());
        }
    }
}
