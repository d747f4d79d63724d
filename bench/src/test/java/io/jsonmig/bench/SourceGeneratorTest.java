package io.jsonmig.bench;

import io.jsonmig.support.source.FileHashes;
import io.jsonmig.support.source.JsonRecords;
import io.jsonmig.support.source.SourceLayout;
import io.jsonmig.support.source.SourceScanner;
import io.jsonmig.support.source.SourceSet;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SourceGeneratorTest {

    private static final long SIZE = 2 * BenchConfig.MB;

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Layout.class)
    void writesAValidSourceOfTheRequestedSizeThatTheServicesReadAsTheSameLayout(Layout layout) throws IOException {
        SourceGenerator.Generated generated = SourceGenerator.generate(Files.createDirectory(dir.resolve("a")), layout,
                SIZE, 7);

        SourceSet scanned = SourceScanner.scan(generated.dir());
        assertThat(scanned.layout()).isEqualTo(SourceLayout.valueOf(layout.name()));
        Map<String, Long> counts = JsonRecords.count(scanned);
        assertThat(counts).containsOnlyKeys("customers", "orders", "events");
        assertThat(counts.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(generated.records());
        assertThat(generated.bytes()).isBetween(SIZE, SIZE + 4096);
        assertThat(generated.bytes() / generated.records()).as("average record size").isBetween(200L, 400L);
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void theSameSeedGivesTheSameBytesAndAnotherSeedOthers(Layout layout) throws IOException {
        List<String> first = hashes(SourceGenerator.generate(Files.createDirectory(dir.resolve("a")), layout, SIZE, 7));
        List<String> again = hashes(SourceGenerator.generate(Files.createDirectory(dir.resolve("b")), layout, SIZE, 7));
        List<String> other = hashes(SourceGenerator.generate(Files.createDirectory(dir.resolve("c")), layout, SIZE, 8));

        assertThat(again).isEqualTo(first);
        assertThat(other).doesNotContainAnyElementsOf(first);
    }

    private static List<String> hashes(SourceGenerator.Generated generated) {
        return generated.files().stream().map(SourceGeneratorTest::sha256).toList();
    }

    private static String sha256(Path file) {
        try {
            return FileHashes.sha256(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
