package io.jsonmig.bench.migration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Starts a process's peak RSS (VmHWM) again from its current RSS, so that a later step is measured alone. */
final class PeakRss {

    private PeakRss() {
    }

    /** Writes 5 to {@code /proc/<pid>/clear_refs} (Linux 4.0 and later): VmHWM becomes VmRSS. */
    static void reset(long pid) {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid), "clear_refs"), "5");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the peak RSS of process " + pid, e);
        }
    }
}
