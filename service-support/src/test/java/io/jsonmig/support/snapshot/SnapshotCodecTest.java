package io.jsonmig.support.snapshot;

import io.jsonmig.events.payload.SnapshotStorage;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;

import static io.jsonmig.support.snapshot.SegmentedAesGcm.HEADER_BYTES;
import static io.jsonmig.support.snapshot.SegmentedAesGcm.SEGMENT_BYTES;
import static io.jsonmig.support.snapshot.SegmentedAesGcm.TAG_BYTES;
import static io.jsonmig.support.snapshot.TestCodecs.KEY;
import static io.jsonmig.support.snapshot.TestCodecs.OTHER_KEY;
import static io.jsonmig.support.snapshot.TestCodecs.codec;
import static io.jsonmig.support.snapshot.TestCodecs.decode;
import static io.jsonmig.support.snapshot.TestCodecs.encode;
import static io.jsonmig.support.snapshot.TestCodecs.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotCodecTest {

    private static final SnapshotCodec GZIP_ENCRYPTING = codec("gzip", KEY);
    private static final SnapshotCodec ENCRYPTING = codec("none", KEY);
    private static final SnapshotStorage ENCRYPTED = ENCRYPTING.storageForNewSnapshots();

    @Nested
    class Configuration {

        @Test
        void withoutKeyNewSnapshotsArePlainOrCompressed() {
            assertThat(codec("none", null).storageForNewSnapshots()).isEqualTo(SnapshotStorage.PLAIN);
            assertThat(codec(" GZIP ", null).storageForNewSnapshots())
                    .isEqualTo(new SnapshotStorage("gzip", "none", null));
            assertThat(codec("none", "  ").storageForNewSnapshots()).as("a blank key is no key")
                    .isEqualTo(SnapshotStorage.PLAIN);
        }

        @Test
        void withAKeyNewSnapshotsAreEncryptedUnderItsFingerprint() throws Exception {
            SnapshotStorage storage = GZIP_ENCRYPTING.storageForNewSnapshots();

            String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Base64.getDecoder().decode(KEY)));
            assertThat(storage).isEqualTo(new SnapshotStorage("gzip", "aes-256-gcm", sha256.substring(0, 16)));
            assertThat(storage.keyFingerprint()).matches("[0-9a-f]{16}");
            assertThat(codec("none", OTHER_KEY).storageForNewSnapshots().keyFingerprint())
                    .isNotEqualTo(storage.keyFingerprint());
        }

        @ParameterizedTest
        @ValueSource(strings = {"zstd", "gz", ""})
        void anUnknownCompressionStopsTheService(String compression) {
            assertThatThrownBy(() -> codec(compression, null))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("JSONMIG_SNAPSHOT_COMPRESSION")
                    .hasMessageContaining("expected none or gzip");
        }

        @Test
        void aKeyThatIsNotBase64IsRefusedWithoutShowingIt() {
            String key = "not-base64-$ecret-value!";

            assertThatThrownBy(() -> codec("none", key))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("JSONMIG_SNAPSHOT_KEY")
                    .hasMessageContaining("not valid base64")
                    .hasMessageNotContaining("$ecret")
                    .hasMessageNotContaining("$");
        }

        @ParameterizedTest
        @ValueSource(ints = {16, 31, 33, 64})
        void aKeyOfAnotherLengthIsRefusedWithoutShowingIt(int length) {
            String key = Base64.getEncoder().encodeToString(TestCodecs.bytes(length, 3));

            assertThatThrownBy(() -> codec("none", key))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("decodes to " + length + " bytes; expected exactly 32")
                    .hasMessageNotContaining(key)
                    .hasMessageNotContaining(key.substring(0, 8));
        }
    }

    static Stream<Arguments> storagesAndSizes() {
        SnapshotStorage gzip = new SnapshotStorage("gzip", "none", null);
        SnapshotStorage gzipEncrypted = GZIP_ENCRYPTING.storageForNewSnapshots();
        return Stream.of(SnapshotStorage.PLAIN, gzip, ENCRYPTED, gzipEncrypted)
                .flatMap(storage -> Stream.of(0, 1, 1000, SEGMENT_BYTES - 1, SEGMENT_BYTES, SEGMENT_BYTES + 1,
                                3 * SEGMENT_BYTES + SEGMENT_BYTES / 2)
                        .map(size -> Arguments.of(storage, size)));
    }

    @ParameterizedTest(name = "{0}, {1} bytes")
    @MethodSource("storagesAndSizes")
    void whatIsEncodedDecodesToTheSameBytes(SnapshotStorage storage, int size) throws IOException {
        byte[] plain = json(size);

        byte[] stored = encode(GZIP_ENCRYPTING, storage, plain);

        assertThat(decode(GZIP_ENCRYPTING, storage, stored)).isEqualTo(plain);
        if (storage.equals(SnapshotStorage.PLAIN)) {
            assertThat(stored).isEqualTo(plain);
        }
        if (storage.encrypted() && !storage.compressed()) {
            int segments = Math.max(1, (size + SEGMENT_BYTES - 1) / SEGMENT_BYTES);
            assertThat(stored).hasSize(HEADER_BYTES + size + segments * TAG_BYTES);
        }
        if (storage.compressed() && size > 1000) {
            assertThat(stored.length).as("JSON compresses").isLessThan(size / 4);
        }
    }

    @Test
    void decodingByteByByteGivesTheSameBytes() throws IOException {
        byte[] plain = json(SEGMENT_BYTES + 10);
        byte[] stored = encode(ENCRYPTING, ENCRYPTED, plain);

        try (InputStream in = ENCRYPTING.decoder(new ByteArrayInputStream(stored), ENCRYPTED)) {
            byte[] read = new byte[plain.length];
            for (int i = 0; i < read.length; i++) {
                int b = in.read();
                assertThat(b).isNotNegative();
                read[i] = (byte) b;
            }
            assertThat(in.read()).isEqualTo(-1);
            assertThat(read).isEqualTo(plain);
        }
    }

    @Test
    void theStoredBytesShowNothingOfThePlainTextAndDifferEachTime() throws IOException {
        byte[] plain = "{\"users\": [{\"email\": \"alice@example.com\"}]}".getBytes(StandardCharsets.UTF_8);

        byte[] once = encode(ENCRYPTING, ENCRYPTED, plain);
        byte[] twice = encode(ENCRYPTING, ENCRYPTED, plain);

        assertThat(new String(once, StandardCharsets.ISO_8859_1)).doesNotContain("alice").startsWith("JMSE");
        assertThat(once).isNotEqualTo(twice).as("a fresh salt and nonce per file");
    }

    @Nested
    class TamperingIsDetected {

        private final byte[] plain = json(3 * SEGMENT_BYTES + 100);
        private final int sealedSegment = SEGMENT_BYTES + TAG_BYTES;

        private byte[] stored() throws IOException {
            return encode(ENCRYPTING, ENCRYPTED, plain);
        }

        private void assertRejected(byte[] stored, String reason) {
            assertThatThrownBy(() -> decode(ENCRYPTING, ENCRYPTED, stored))
                    .isInstanceOf(SnapshotIntegrityException.class)
                    .hasMessageContaining(reason);
        }

        @Test
        void aFlippedBitInASegment() throws IOException {
            byte[] stored = stored();
            stored[HEADER_BYTES + sealedSegment + 5] ^= 1;

            assertRejected(stored, "segment 1 fails authentication: the file was modified");
        }

        @Test
        void aFlippedBitInTheSalt() throws IOException {
            byte[] stored = stored();
            stored[10] ^= 1;

            assertRejected(stored, "segment 0 fails authentication");
        }

        @Test
        void aFlippedBitInATag() throws IOException {
            byte[] stored = stored();
            stored[stored.length - 1] ^= 1;

            assertRejected(stored, "segment 3 (the last) fails authentication");
        }

        @Test
        void truncationAtASegmentBoundary() throws IOException {
            byte[] stored = Arrays.copyOf(stored(), HEADER_BYTES + 2 * sealedSegment);

            assertRejected(stored, "segment 1 (the last) fails authentication");
        }

        @Test
        void truncationInsideASegment() throws IOException {
            byte[] stored = stored();

            assertRejected(Arrays.copyOf(stored, stored.length - 10), "segment 3 (the last) fails authentication");
        }

        @Test
        void truncationInsideTheHeader() throws IOException {
            assertRejected(Arrays.copyOf(stored(), 20), "truncated: 20 bytes, shorter than the 44-byte header");
            assertRejected(new byte[0], "truncated: 0 bytes");
        }

        @Test
        void bytesAppended() throws IOException {
            byte[] stored = stored();
            byte[] longer = Arrays.copyOf(stored, stored.length + 1);

            assertRejected(longer, "fails authentication");
        }

        @Test
        void twoSegmentsSwapped() throws IOException {
            byte[] stored = stored();
            byte[] swapped = stored.clone();
            System.arraycopy(stored, HEADER_BYTES, swapped, HEADER_BYTES + sealedSegment, sealedSegment);
            System.arraycopy(stored, HEADER_BYTES + sealedSegment, swapped, HEADER_BYTES, sealedSegment);

            assertRejected(swapped, "segment 0 fails authentication");
        }

        @Test
        void aSegmentDropped() throws IOException {
            byte[] stored = stored();
            byte[] dropped = new byte[stored.length - sealedSegment];
            System.arraycopy(stored, 0, dropped, 0, HEADER_BYTES + sealedSegment);
            System.arraycopy(stored, HEADER_BYTES + 2 * sealedSegment, dropped, HEADER_BYTES + sealedSegment,
                    stored.length - HEADER_BYTES - 2 * sealedSegment);

            assertRejected(dropped, "segment 1 fails authentication");
        }

        @Test
        void noByteOfABadSegmentIsHandedOut() throws IOException {
            byte[] stored = stored();
            stored[HEADER_BYTES + 3] ^= 1;

            try (InputStream in = ENCRYPTING.decoder(new ByteArrayInputStream(stored), ENCRYPTED)) {
                assertThatThrownBy(() -> in.read(new byte[10])).isInstanceOf(SnapshotIntegrityException.class);
            }
        }

        @Test
        void aPlainFileWhereAnEncryptedOneIsExpected() {
            assertRejected(json(100), "not an encrypted jsonmig snapshot file (no JMSE header)");
        }

        @Test
        void anUnknownFormatVersion() throws IOException {
            byte[] stored = stored();
            stored[4] = 9;

            assertRejected(stored, "format version 9");
        }

        @Test
        void gzipDataCutShort() throws IOException {
            SnapshotStorage gzip = new SnapshotStorage("gzip", "none", null);
            byte[] stored = encode(ENCRYPTING, gzip, plain);

            assertThatThrownBy(() -> decode(ENCRYPTING, gzip, Arrays.copyOf(stored, stored.length / 2)))
                    .isInstanceOf(SnapshotIntegrityException.class)
                    .hasMessageContaining("truncated: the gzip data ends early");
        }

        @Test
        void gzipDataCorrupted() throws IOException {
            SnapshotStorage gzip = new SnapshotStorage("gzip", "none", null);
            byte[] stored = encode(ENCRYPTING, gzip, plain);
            stored[stored.length - 5] ^= 0x55; // in the CRC-32 / length trailer

            assertThatThrownBy(() -> decode(ENCRYPTING, gzip, stored))
                    .isInstanceOf(SnapshotIntegrityException.class)
                    .hasMessageContaining("corrupt gzip data");
        }

        @Test
        void notGzipAtAll() {
            SnapshotStorage gzip = new SnapshotStorage("gzip", "none", null);

            assertThatThrownBy(() -> decode(ENCRYPTING, gzip, json(100)))
                    .isInstanceOf(SnapshotIntegrityException.class)
                    .hasMessageContaining("corrupt gzip data: Not in GZIP format");
        }
    }

    @Nested
    class Keys {

        @TempDir
        Path dir;

        @Test
        void anotherKeyIsRefusedNamingTheFileAndBothFingerprints() throws IOException {
            Path file = Files.write(dir.resolve("db.json"), encode(ENCRYPTING, ENCRYPTED, json(100)));
            SnapshotCodec other = codec("none", OTHER_KEY);
            String otherFingerprint = other.storageForNewSnapshots().keyFingerprint();

            assertThatThrownBy(() -> other.open(file, ENCRYPTED))
                    .isInstanceOf(SnapshotIntegrityException.class)
                    .hasMessageStartingWith(file + ": ")
                    .hasMessageContaining("key of fingerprint " + ENCRYPTED.keyFingerprint())
                    .hasMessageContaining("configured key (JSONMIG_SNAPSHOT_KEY) has fingerprint " + otherFingerprint)
                    .hasMessageNotContaining(KEY)
                    .hasMessageNotContaining(OTHER_KEY);
        }

        @Test
        void noKeyIsRefusedNamingTheFileAndTheFingerprint() throws IOException {
            Path file = Files.write(dir.resolve("users.json"), encode(ENCRYPTING, ENCRYPTED, json(100)));

            assertThatThrownBy(() -> codec("none", null).open(file, ENCRYPTED))
                    .isInstanceOf(SnapshotIntegrityException.class)
                    .hasMessageStartingWith(file + ": ")
                    .hasMessageContaining(ENCRYPTED.keyFingerprint())
                    .hasMessageContaining("no key is configured: set JSONMIG_SNAPSHOT_KEY");
        }

        @Test
        void aManifestClaimingTheReadersFingerprintForAnotherKeysFileStillFails() throws IOException {
            SnapshotCodec other = codec("none", OTHER_KEY);
            Path file = Files.write(dir.resolve("db.json"), encode(other, other.storageForNewSnapshots(), json(100)));

            assertThatThrownBy(() -> {
                try (InputStream in = ENCRYPTING.open(file, ENCRYPTED)) {
                    in.readAllBytes();
                }
            }).isInstanceOf(SnapshotIntegrityException.class)
                    .hasMessageStartingWith(file + ": segment 0 (the last) fails authentication");
        }

        @Test
        void encodingForAnotherKeyIsRefused() {
            SnapshotStorage foreign = codec("none", OTHER_KEY).storageForNewSnapshots();

            assertThatThrownBy(() -> ENCRYPTING.encoder(OutputStream.nullOutputStream(), foreign))
                    .isInstanceOf(SnapshotIntegrityException.class)
                    .hasMessageContaining("fingerprint " + foreign.keyFingerprint());
        }

        @Test
        void aTamperedFileIsNamedWhenOpenedFromDisk() throws IOException {
            byte[] stored = encode(GZIP_ENCRYPTING, GZIP_ENCRYPTING.storageForNewSnapshots(), json(5000));
            stored[HEADER_BYTES + 1] ^= 1;
            Path file = Files.write(dir.resolve("posts.ndjson"), stored);

            assertThatThrownBy(() -> {
                try (InputStream in = GZIP_ENCRYPTING.open(file, GZIP_ENCRYPTING.storageForNewSnapshots())) {
                    in.readAllBytes();
                }
            }).isInstanceOf(SnapshotIntegrityException.class)
                    .hasMessageStartingWith(file + ": segment 0")
                    .satisfies(e -> assertThat(((SnapshotIntegrityException) e).file()).isEqualTo(file));
        }
    }
}
