package io.jsonmig.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogTailTest {

    @Test
    void showsTheLastLinesIndented(@TempDir Path dir) throws Exception {
        Path log = Files.writeString(dir.resolve("x.log"),
                IntStream.rangeClosed(1, 50).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")) + "\n");

        assertThat(LogTail.of(log, 3)).isEqualTo("  | line 48\n  | line 49\n  | line 50");
    }

    @Test
    void aMissingLogSaysSoInsteadOfFailing(@TempDir Path dir) {
        assertThat(LogTail.of(dir.resolve("missing.log"), 10)).startsWith("  (no log: ");
    }

    @Test
    void setsidIsFoundOnThisMachine() {
        assertThat(Path.of(Setsid.path())).isExecutable();
    }
}
