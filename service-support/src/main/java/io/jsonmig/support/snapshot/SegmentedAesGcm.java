package io.jsonmig.support.snapshot;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The encrypted form of one stored file: AES-256-GCM over segments, the STREAM construction of
 * Tink's {@code AesGcmHkdfStreaming}, so a file of any size is encrypted and decrypted in constant
 * memory (one GCM message per file would not be: the JDK buffers a whole GCM message to decrypt it).
 *
 * <pre>
 * header  = "JMSE" ‖ version (1) ‖ salt (32 random bytes) ‖ nonce prefix (7 random bytes)
 * fileKey = HKDF-SHA256(ikm = configured key, salt, info = "jsonmig snapshot aes-256-gcm v1"), 32 bytes
 * segment i = AES-GCM(fileKey, nonce = prefix ‖ i (4 bytes, big-endian) ‖ last (1 byte: 1 for the
 *             final segment, else 0), aad = header) of SEGMENT_BYTES plain bytes (the final one: 0..SEGMENT_BYTES)
 * </pre>
 *
 * The counter detects reordered, repeated or dropped segments; the last-segment flag detects a file
 * cut at a segment boundary or with bytes appended; a fresh salt per file gives every file its own
 * key, so the 7-byte random prefix never has to be unique across files.
 */
final class SegmentedAesGcm {

    static final int SEGMENT_BYTES = 1 << 20;
    static final int TAG_BYTES = 16;
    static final int HEADER_BYTES = 4 + 1 + 32 + 7;

    private static final byte[] MAGIC = "JMSE".getBytes(StandardCharsets.US_ASCII);
    private static final byte VERSION = 1;
    private static final int SALT_BYTES = 32;
    private static final int NONCE_PREFIX_BYTES = 7;
    private static final byte[] HKDF_INFO = "jsonmig snapshot aes-256-gcm v1".getBytes(StandardCharsets.US_ASCII);
    private static final long MAX_SEGMENTS = 1L << 32;

    private final byte[] header;
    private final SecretKey fileKey;
    private final byte[] nonce = new byte[12];
    private final Cipher cipher;

    private SegmentedAesGcm(byte[] header, byte[] masterKey) {
        this.header = header;
        byte[] salt = Arrays.copyOfRange(header, MAGIC.length + 1, MAGIC.length + 1 + SALT_BYTES);
        this.fileKey = new SecretKeySpec(hkdfSha256(masterKey, salt), "AES");
        System.arraycopy(header, MAGIC.length + 1 + SALT_BYTES, nonce, 0, NONCE_PREFIX_BYTES);
        try {
            this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is missing from this JVM", e);
        }
    }

    /** A new file: fresh salt and nonce prefix. */
    static SegmentedAesGcm forNewFile(SecretKey masterKey, SecureRandom random) {
        byte[] header = new byte[HEADER_BYTES];
        System.arraycopy(MAGIC, 0, header, 0, MAGIC.length);
        header[MAGIC.length] = VERSION;
        byte[] randomPart = new byte[SALT_BYTES + NONCE_PREFIX_BYTES];
        random.nextBytes(randomPart);
        System.arraycopy(randomPart, 0, header, MAGIC.length + 1, randomPart.length);
        return new SegmentedAesGcm(header, masterKey.getEncoded());
    }

    /** An existing file, from its header; the reason says what is wrong with a header that is not one. */
    static SegmentedAesGcm forHeader(byte[] header, int length, SecretKey masterKey) throws InvalidFormat {
        if (length < HEADER_BYTES) {
            throw new InvalidFormat("truncated: " + length + " bytes, shorter than the " + HEADER_BYTES
                    + "-byte header of an encrypted snapshot file");
        }
        if (!Arrays.equals(header, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new InvalidFormat("not an encrypted jsonmig snapshot file (no JMSE header)");
        }
        if (header[MAGIC.length] != VERSION) {
            throw new InvalidFormat("encrypted with format version " + header[MAGIC.length] + ", this reader knows "
                    + VERSION);
        }
        return new SegmentedAesGcm(Arrays.copyOf(header, HEADER_BYTES), masterKey.getEncoded());
    }

    /**
     * Gets the cipher compiled before the first snapshot, once per JVM. HotSpot uses its AES and
     * GHASH intrinsics only from C2-compiled callers, and C2 compiles a method after thousands of
     * calls: with one call per 1 MiB segment, a fresh JDK 17 went through its first ~300 MB at
     * ~45 MB/s instead of ~2 GB/s. Small round trips supply the calls; they stop as soon as a full
     * segment goes fast (C2 compiles in the background, later on a busy machine), or after 3 s.
     */
    static void warmUp() {
        WarmUp.DONE.hashCode();
    }

    private static final class WarmUp {
        static final Boolean DONE = run();

        private static Boolean run() {
            SegmentedAesGcm format = forNewFile(new SecretKeySpec(new byte[32], "AES"), new SecureRandom());
            byte[] small = new byte[1024];
            byte[] smallSealed = new byte[small.length + TAG_BYTES];
            byte[] segment = new byte[256 * 1024];
            byte[] segmentSealed = new byte[segment.length + TAG_BYTES];
            long deadline = System.nanoTime() + 3_000_000_000L;
            long index = 0;
            try {
                while (System.nanoTime() < deadline) {
                    for (int i = 0; i < 1000; i++, index++) {
                        format.open(index, false, smallSealed, format.seal(index, false, small, small.length,
                                smallSealed), small);
                    }
                    long start = System.nanoTime();
                    format.open(index, true, segmentSealed, format.seal(index++, true, segment, segment.length,
                            segmentSealed), segment);
                    // 256 KiB sealed and opened in under a millisecond: the intrinsics are in use
                    if (System.nanoTime() - start < 1_000_000L) {
                        break;
                    }
                }
            } catch (InvalidFormat e) {
                throw new IllegalStateException("AES-GCM does not decrypt what it encrypted", e);
            }
            return Boolean.TRUE;
        }
    }

    byte[] header() {
        return header.clone();
    }

    /** Encrypts {@code length} plain bytes as segment {@code index}; returns the sealed length (+ tag). */
    int seal(long index, boolean last, byte[] plain, int length, byte[] sealed) {
        try {
            init(Cipher.ENCRYPT_MODE, index, last);
            return cipher.doFinal(plain, 0, length, sealed, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts segment {@code index}; returns the plain length. */
    int open(long index, boolean last, byte[] sealed, int length, byte[] plain) throws InvalidFormat {
        if (length < TAG_BYTES) {
            throw new InvalidFormat("truncated: segment " + index + " has " + length + " bytes, fewer than its "
                    + TAG_BYTES + "-byte tag");
        }
        try {
            init(Cipher.DECRYPT_MODE, index, last);
            return cipher.doFinal(sealed, 0, length, plain, 0);
        } catch (AEADBadTagException e) {
            throw new InvalidFormat("segment " + index + (last ? " (the last)" : "")
                    + " fails authentication: the file was modified, truncated, extended or reordered");
        } catch (ShortBufferException e) {
            throw new IllegalStateException("segment buffer too small", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM decryption failed", e);
        }
    }

    private void init(int mode, long index, boolean last) throws GeneralSecurityException {
        if (index >= MAX_SEGMENTS) {
            throw new IllegalStateException("file too large: more than " + MAX_SEGMENTS + " segments");
        }
        ByteBuffer.wrap(nonce, NONCE_PREFIX_BYTES, 5).putInt((int) index).put((byte) (last ? 1 : 0));
        cipher.init(mode, fileKey, new GCMParameterSpec(TAG_BYTES * 8, nonce));
        cipher.updateAAD(header);
    }

    /** HKDF (RFC 5869) with SHA-256, for one 32-byte output block. */
    private static byte[] hkdfSha256(byte[] inputKey, byte[] salt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            byte[] pseudoRandomKey = mac.doFinal(inputKey);
            mac.init(new SecretKeySpec(pseudoRandomKey, "HmacSHA256"));
            mac.update(HKDF_INFO);
            mac.update((byte) 1);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        } finally {
            Arrays.fill(inputKey, (byte) 0);
        }
    }

    /** The stored bytes are not what this format writes; the message is the reason. */
    static final class InvalidFormat extends Exception {
        InvalidFormat(String reason) {
            super(reason, null, false, false);
        }
    }
}
