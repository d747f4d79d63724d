package io.jsonmig.support.snapshot;

import io.jsonmig.events.payload.SnapshotStorage;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.Optional;

/** Codecs configured as a service would be, and whole-array encode/decode for tests. */
final class TestCodecs {

    static final String KEY = Base64.getEncoder().encodeToString(bytes(32, 7));
    static final String OTHER_KEY = Base64.getEncoder().encodeToString(bytes(32, 9));

    record Config(String compression, Optional<String> encryptionKey) implements SnapshotConfig {
    }

    private TestCodecs() {
    }

    static SnapshotCodec codec(String compression, String key) {
        return new SnapshotCodec(new Config(compression, Optional.ofNullable(key)));
    }

    static byte[] encode(SnapshotCodec codec, SnapshotStorage storage, byte[] plain) throws IOException {
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (OutputStream out = codec.encoder(stored, storage)) {
            out.write(plain);
        }
        return stored.toByteArray();
    }

    static byte[] decode(SnapshotCodec codec, SnapshotStorage storage, byte[] stored) throws IOException {
        try (InputStream in = codec.decoder(new ByteArrayInputStream(stored), storage)) {
            return in.readAllBytes();
        }
    }

    /** Deterministic bytes that look a little like JSON, so gzip has something to do. */
    static byte[] json(int length) {
        byte[] bytes = new byte[length];
        String pattern = "{\"id\": 12345, \"name\": \"record\", \"score\": 3.14159},\n";
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i % 977 == 0 ? '0' + (i / 977) % 10 : pattern.charAt(i % pattern.length()));
        }
        return bytes;
    }

    static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i * 17);
        }
        return bytes;
    }
}
