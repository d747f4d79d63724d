package io.jsonmig.cli.stack;

import io.jsonmig.cli.CliException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The local stack's operator token: 32 random bytes (base64url) in {@code api-tokens} as {@code operator <token>},
 * readable by its owner only. Written once; a later {@code stack up} keeps it, so a running stack's token stays.
 */
final class StackToken {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private StackToken() {
    }

    /** @return whether the file was written now */
    static boolean ensure(Path file) {
        try {
            if (Files.exists(file)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                return false;
            }
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            Path written = Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            Files.writeString(written, "# the local jsonmig stack's API token (docs/security.md)\noperator "
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n", StandardCharsets.UTF_8);
            return true;
        } catch (IOException e) {
            throw new CliException("cannot write the stack's API token file " + file + ": " + e.getMessage(), e);
        }
    }
}
