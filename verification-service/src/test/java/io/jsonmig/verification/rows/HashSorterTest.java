package io.jsonmig.verification.rows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class HashSorterTest {

    @TempDir
    Path temp;

    @Test
    void sortsBeyondItsBufferBySpillingRunsAndMergingThem() throws Exception {
        List<KeyedHash> all = new ArrayList<>();
        Random random = new Random(7);
        try (HashSorter sorter = new HashSorter(100, temp)) {
            for (int i = 0; i < 1_050; i++) {
                KeyedHash entry = new KeyedHash("k" + random.nextInt(5_000) + "\u00e9\u0000x", random.nextLong(), i, i);
                all.add(entry);
                sorter.add(entry);
            }
            assertThat(sorter.spilledRuns()).isEqualTo(10);
            List<KeyedHash> sorted = new ArrayList<>();
            sorter.sorted().forEachRemaining(sorted::add);
            all.sort(KeyedHash.ORDER);
            assertThat(sorted).containsExactlyElementsOf(all);
        }
        try (var files = Files.list(temp)) {
            assertThat(files).as("runs are deleted on close").isEmpty();
        }
    }

    @Test
    void entriesArrivingInKeyOrderMakeOneRunFileAndIntegersSortNumerically() throws Exception {
        try (HashSorter sorter = new HashSorter(10, temp)) {
            for (int i = 1; i <= 95; i++) {
                sorter.add(new KeyedHash(Integer.toString(i), i, i, i));
            }
            sorter.add(new KeyedHash("7", 0, 0, 200)); // order breaks: a second run
            for (int i = 96; i <= 120; i++) {
                sorter.add(new KeyedHash(Integer.toString(i), i, i, i));
            }
            assertThat(sorter.spilledRuns()).isEqualTo(12);
            try (var files = Files.list(temp)) {
                assertThat(files).as("sorted spills continue one file until the order breaks").hasSize(2);
            }
            List<String> keys = new ArrayList<>();
            sorter.sorted().forEachRemaining(e -> keys.add(e.key()));
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 120; i++) {
                expected.add(Integer.toString(i));
                if (i == 7) {
                    expected.add("7");
                }
            }
            assertThat(keys).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void oneRunContinuedByTheBufferIsReadStraightThrough() throws Exception {
        try (HashSorter sorter = new HashSorter(10, temp)) {
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 95; i++) {
                expected.add(Integer.toString(i));
            }
            for (int i = 1; i <= 90; i++) {
                sorter.add(new KeyedHash(Integer.toString(i), i, i, i));
            }
            for (int i = 95; i >= 91; i--) { // left in memory, out of order among themselves only
                sorter.add(new KeyedHash(Integer.toString(i), i, i, i));
            }
            assertThat(sorter.spilledRuns()).isEqualTo(9);
            List<String> keys = new ArrayList<>();
            sorter.sorted().forEachRemaining(e -> keys.add(e.key()));
            assertThat(keys).containsExactlyElementsOf(expected);
        }
        try (HashSorter sorter = new HashSorter(10, temp)) {
            for (int i = 1; i <= 95; i++) {
                sorter.add(new KeyedHash(Integer.toString(i), i, i, i));
            }
            sorter.add(new KeyedHash("3", 0, 0, 300)); // left in memory, before the run's end
            List<String> keys = new ArrayList<>();
            sorter.sorted().forEachRemaining(e -> keys.add(e.key()));
            assertThat(keys).hasSize(96).startsWith("1", "2", "3", "3", "4").endsWith("95");
        }
    }

    @Test
    void moreRunsThanItMergesAtOnceAreMergedInSteps() {
        List<KeyedHash> all = new ArrayList<>();
        Random random = new Random(11);
        try (HashSorter sorter = new HashSorter(3, temp)) {
            for (int i = 0; i < 3 * (HashSorter.MAX_FAN_IN * 2 + 5); i++) {
                KeyedHash entry = new KeyedHash(Integer.toString(random.nextInt(100_000)), i, i, i);
                all.add(entry);
                sorter.add(entry);
            }
            List<KeyedHash> sorted = new ArrayList<>();
            sorter.sorted().forEachRemaining(sorted::add);
            all.sort(KeyedHash.ORDER);
            assertThat(sorted).containsExactlyElementsOf(all);
        }
    }

    @Test
    void theMergeNamesMissingExtraDifferentAndDuplicatedKeys() {
        RowMerge merge = new RowMerge(10);
        Iterator<KeyedHash> expected = List.of(entry("1", 1, 0), entry("2", 2, 1), entry("3", 3, 2), entry("5", 5, 4))
                .iterator();
        Iterator<KeyedHash> actual = List.of(entry("1", 1, -1), entry("3", 9, -1), entry("4", 4, -1),
                entry("5", 5, -1), entry("5", 5, -1)).iterator();
        merge.merge(expected, actual, key -> "id=" + key);
        assertThat(merge.matched()).isEqualTo(2);
        assertThat(merge.missing()).isEqualTo(1);
        assertThat(merge.missingSamples()).extracting(KeyedHash::key).containsExactly("2");
        assertThat(merge.different()).isEqualTo(1);
        assertThat(merge.extra()).isEqualTo(1);
        assertThat(merge.duplicatesInTable()).isEqualTo(1);
        assertThat(merge.others()).extracting(RowDifference::kind, RowDifference::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(RowDifference.Kind.EXTRA, "id=4"),
                org.assertj.core.groups.Tuple.tuple(RowDifference.Kind.DUPLICATE_IN_TABLE, "id=5"));
    }

    private static KeyedHash entry(String key, long hash, long position) {
        return new KeyedHash(key, hash, hash, position);
    }
}
