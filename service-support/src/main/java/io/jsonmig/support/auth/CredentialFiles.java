package io.jsonmig.support.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the token and users files. Blank lines and lines starting with {@code #} are skipped; a line that is not
 * valid is an error naming the file and the line number, never the line (it may hold a secret).
 */
public final class CredentialFiles {

    private static final String SHA256 = "sha256:";

    private CredentialFiles() {
    }

    /** {@code <role> <token>} or {@code <role> sha256:<64 hex digits>} a line. */
    public static List<ApiToken> tokens(Path file) {
        return entries(file, 2, "expected '<role> <token>'", fields -> {
            ApiRoles.granted(fields[0]);
            byte[] digest = fields[1].startsWith(SHA256) ? Sha256.fromHex(fields[1].substring(SHA256.length()))
                    : Sha256.of(fields[1]);
            return new ApiToken(digest, fields[0]);
        });
    }

    /** {@code <user> <role> pbkdf2-sha256:<iterations>:<salt>:<hash>} a line. */
    public static List<ApiUser> users(Path file) {
        return entries(file, 3, "expected '<user> <role> <password hash>'", fields -> {
            ApiRoles.granted(fields[1]);
            return new ApiUser(fields[0], fields[1], PasswordHash.parse(fields[2]));
        });
    }

    /** Each line's entry; a line that is not one fails naming the file and the line, never its text. */
    private static <T> List<T> entries(Path file, int fieldCount, String shape, Function<String[], T> entry) {
        List<T> entries = new ArrayList<>();
        List<String> lines = read(file);
        for (int i = 0; i < lines.size(); i++) {
            String[] fields = fields(lines.get(i));
            if (fields == null) {
                continue;
            }
            try {
                if (fields.length != fieldCount) {
                    throw new IllegalArgumentException(shape);
                }
                entries.add(entry.apply(fields));
            } catch (IllegalArgumentException e) {
                throw invalid(file, i, e);
            }
        }
        return entries;
    }

    private static String[] fields(String line) {
        String trimmed = line.strip();
        return trimmed.isEmpty() || trimmed.startsWith("#") ? null : trimmed.split("\\s+");
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the credentials file " + file, e);
        }
    }

    private static IllegalArgumentException invalid(Path file, int index, IllegalArgumentException why) {
        return new IllegalArgumentException(file + " line " + (index + 1) + ": " + why.getMessage());
    }
}
