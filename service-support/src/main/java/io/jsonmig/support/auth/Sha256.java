package io.jsonmig.support.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a secret, and a comparison of two digests that takes the same time wherever they differ. */
final class Sha256 {

    private Sha256() {
    }

    static byte[] of(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    static byte[] fromHex(String hex) {
        byte[] digest = HexFormat.of().parseHex(hex);
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest is 64 hex digits");
        }
        return digest;
    }

    static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
