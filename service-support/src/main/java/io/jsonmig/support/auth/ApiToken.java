package io.jsonmig.support.auth;

import java.util.HexFormat;

/** A bearer token the service accepts, kept only as its SHA-256, with the role it grants. */
public record ApiToken(byte[] digest, String role) {

    /** A name for the token that logs may show: the first 8 hex digits of its digest, never the token. */
    public String label() {
        return "token:" + HexFormat.of().formatHex(digest, 0, 4);
    }
}
