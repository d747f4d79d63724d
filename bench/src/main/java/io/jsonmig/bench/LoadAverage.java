package io.jsonmig.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's one-minute load average, printed with progress lines: other work on it skews the figures. */
public final class LoadAverage {

    private LoadAverage() {
    }

    public static String now() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
