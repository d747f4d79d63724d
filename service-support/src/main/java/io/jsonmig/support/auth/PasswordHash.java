package io.jsonmig.support.auth;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A password kept as {@code pbkdf2-sha256:<iterations>:<salt base64>:<hash base64>} (PBKDF2WithHmacSHA256), so a
 * users file that leaks gives no password away cheaply.
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

    private static final String PREFIX = "pbkdf2-sha256:";

    public static PasswordHash parse(String text) {
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("a password hash starts with " + PREFIX);
        }
        String[] parts = text.substring(PREFIX.length()).split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("a password hash is " + PREFIX + "<iterations>:<salt>:<hash>");
        }
        int iterations = Integer.parseInt(parts[0]);
        if (iterations < 10_000) {
            throw new IllegalArgumentException("a password hash needs at least 10000 iterations");
        }
        return new PasswordHash(iterations, Base64.getDecoder().decode(parts[1]), Base64.getDecoder().decode(parts[2]));
    }

    /** The hash of {@code password} with this salt and iteration count, in the same text form. */
    public static String format(char[] password, byte[] salt, int iterations) {
        Base64.Encoder base64 = Base64.getEncoder();
        return PREFIX + iterations + ":" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(derive(password, salt, iterations, 32));
    }

    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations, hash.length));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int length) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, length * 8);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no PBKDF2WithHmacSHA256 in this JVM", e);
        }
    }
}
