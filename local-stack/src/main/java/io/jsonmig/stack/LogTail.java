package io.jsonmig.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log, indented with {@code "  | "}, for error messages. */
public final class LogTail {

    private LogTail() {
    }

    /** Never fails: a log that cannot be read gives a line saying why. */
    public static String of(Path log, int lines) {
        try {
            // ISO-8859-1 reads any bytes: a log is not necessarily valid UTF-8
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return "  | " + String.join("\n  | ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "  (no log: " + e.getMessage() + ")";
        }
    }
}
