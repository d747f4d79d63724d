package io.jsonmig.cli.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a log, for error messages. */
final class LogTail {

    private LogTail() {
    }

    static String of(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return "  | " + String.join("\n  | ", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "  (no log: " + e.getMessage() + ")";
        }
    }
}
