package io.jsonmig.notification.delivery;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/** The key a webhook is signed with. It signs, and prints as {@code [secret]} anywhere else. */
public final class WebhookSecret {

    private final byte[] key;

    public WebhookSecret(String secret) {
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Hex of HMAC-SHA256 over the bytes. */
    public String sign(byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
