package io.jsonmig.verification.check;

import io.jsonmig.events.payload.CollectionCheck;
import io.jsonmig.events.payload.TableLoad;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountComparisonTest {

    private static final Map<String, Long> BLOG = ordered("users", 40L, "posts", 120L, "comments", 300L);
    private static final List<TableLoad> BLOG_LOADS = List.of(
            new TableLoad("users", "users", 40), new TableLoad("posts", "posts", 120),
            new TableLoad("comments", "comments", 300));

    @Test
    void matchingCountsPassInSnapshotOrder() {
        CountVerdict verdict = new CountComparison(BLOG, BLOG, BLOG_LOADS)
                .verdict(counts("users", 40, "posts", 120, "comments", 300));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.collectionChecks()).containsExactly(
                new CollectionCheck("users", "users", 40, 40, true),
                new CollectionCheck("posts", "posts", 120, 120, true),
                new CollectionCheck("comments", "comments", 300, 300, true));
        assertThat(verdict.summary()).isEqualTo("all 3 collection(s) match the snapshot: users 40, posts 120, comments 300");
    }

    @Test
    void recordsTheMigrationRejectedAreAccountedForNotMissing() {
        List<TableLoad> loads = List.of(new TableLoad("users", "users", 40), new TableLoad("posts", "posts", 120),
                new TableLoad("comments", "comments", 297, 3));

        CountVerdict accounted = new CountComparison(BLOG, BLOG, loads)
                .verdict(counts("users", 40, "posts", 120, "comments", 297));
        assertThat(accounted.passed()).isTrue();
        assertThat(accounted.collectionChecks().get(2)).isEqualTo(new CollectionCheck("comments", "comments", 297, 297, true));

        CountVerdict missing = new CountComparison(BLOG, BLOG, loads)
                .verdict(counts("users", 40, "posts", 120, "comments", 296));
        assertThat(missing.passed()).isFalse();
        assertThat(missing.summary()).isEqualTo("1 of 3 collection check(s) failed: collection comments: expected 297 "
                + "rows (300 records in the snapshot less 3 rejected), table comments holds 296");
    }

    @Test
    void aChildTableOfTheCollectionIsNotASecondTableOfIt() {
        List<TableLoad> loads = List.of(new TableLoad("users", "users", 40), new TableLoad("posts", "posts", 120),
                new TableLoad("posts", "post_tags", 249), new TableLoad("comments", "comments", 300));
        CountVerdict verdict = new CountComparison(BLOG, BLOG, loads, java.util.Set.of("post_tags"))
                .verdict(counts("users", 40, "posts", 120, "comments", 300));
        assertThat(verdict.passed()).isTrue();
        assertThat(new CountComparison(BLOG, BLOG, loads).verdict(counts("users", 40, "posts", 120, "comments", 300))
                .summary()).contains("collection posts was loaded into 2 tables (posts, post_tags)");
    }

    @Test
    void aTableWithARowMissingFailsNamingExpectedAndActual() {
        CountVerdict verdict = new CountComparison(BLOG, BLOG, BLOG_LOADS)
                .verdict(counts("users", 40, "posts", 119, "comments", 300));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.collectionChecks()).extracting(CollectionCheck::passed).containsExactly(true, false, true);
        assertThat(verdict.checks().get(1).actual()).isEqualTo(119);
        assertThat(verdict.summary()).isEqualTo("1 of 3 collection check(s) failed: collection posts: expected 120 rows "
                + "(records in the snapshot), table posts holds 119");
    }

    @Test
    void aTableThatCannotBeCountedFailsWithTheReason() {
        Map<String, TableCount> counts = new LinkedHashMap<>(counts("users", 40, "posts", 120));
        counts.put("comments", TableCount.unavailable("comments", "table comments does not exist in target profile 'test'"));

        CountVerdict verdict = new CountComparison(BLOG, BLOG, BLOG_LOADS).verdict(counts);

        CountCheck comments = verdict.checks().get(2);
        assertThat(comments.passed()).isFalse();
        assertThat(comments.actual()).isNull();
        assertThat(comments.toCollectionCheck()).isEqualTo(new CollectionCheck("comments", "comments", 300, 0, false));
        assertThat(verdict.summary()).contains("collection comments: expected 300 rows, but table comments does not "
                + "exist in target profile 'test'");
    }

    @Test
    void aCollectionThatWasNotLoadedFails() {
        CountVerdict verdict = new CountComparison(BLOG, BLOG, BLOG_LOADS.subList(0, 2))
                .verdict(counts("users", 40, "posts", 120));

        CountCheck comments = verdict.checks().get(2);
        assertThat(comments.table()).isNull();
        assertThat(comments.problems()).containsExactly(
                "collection comments has 300 records in the snapshot but was not loaded into any table");
        assertThat(verdict.passed()).isFalse();
    }

    @Test
    void anEmptyCollectionThatWasNotLoadedPasses() {
        Map<String, Long> snapshot = ordered("users", 40L, "drafts", 0L);
        CountVerdict verdict = new CountComparison(snapshot, snapshot, BLOG_LOADS.subList(0, 1))
                .verdict(counts("users", 40));

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.collectionChecks()).contains(new CollectionCheck("drafts", null, 0, 0, true));
    }

    @Test
    void loadedRowsThatDifferFromTheSnapshotFailEvenWhenTheTableCountMatches() {
        // 119 loaded plus one row that was in the table before: the count alone would hide the loss.
        List<TableLoad> loads = List.of(new TableLoad("users", "users", 40), new TableLoad("posts", "posts", 119),
                new TableLoad("comments", "comments", 300));

        CountVerdict verdict = new CountComparison(BLOG, BLOG, loads)
                .verdict(counts("users", 40, "posts", 120, "comments", 300));

        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.checks().get(1).problems()).containsExactly(
                "collection posts: the migration reported 119 rows loaded into posts, expected 120 (records in the snapshot)");
    }

    @Test
    void aLoadedCollectionThatIsNotInTheSnapshotFails() {
        List<TableLoad> loads = List.of(new TableLoad("users", "users", 40), new TableLoad("tags", "tags", 5));

        CountVerdict verdict = new CountComparison(ordered("users", 40L), null, loads)
                .verdict(counts("users", 40, "tags", 5));

        assertThat(new CountComparison(ordered("users", 40L), null, loads).collections()).containsExactly("users", "tags");
        CountCheck tags = verdict.checks().get(1);
        assertThat(tags.problems()).containsExactly("collection tags was loaded into table tags (5 rows) but is not in the snapshot");
        assertThat(tags.actual()).isEqualTo(5);
    }

    @Test
    void aSnapshotThatChangedSinceTheBackupFails() {
        CountVerdict verdict = new CountComparison(ordered("users", 41L), ordered("users", 40L, "posts", 120L),
                List.of(new TableLoad("users", "users", 41), new TableLoad("posts", "posts", 120)))
                .verdict(counts("users", 41, "posts", 120));

        assertThat(verdict.checks()).extracting(CountCheck::collection).containsExactly("users", "posts");
        assertThat(verdict.checks().get(0).problems()).containsExactly(
                "collection users: the snapshot holds 41 records now, but held 40 when the backup was taken");
        assertThat(verdict.checks().get(1).problems()).containsExactly(
                "collection posts had 120 records when the backup was taken, but the snapshot no longer holds it",
                "collection posts was loaded into table posts (120 rows) but is not in the snapshot");
    }

    @Test
    void aCollectionLoadedIntoTwoTablesFails() {
        List<TableLoad> loads = List.of(new TableLoad("users", "users", 40), new TableLoad("users", "people", 40));
        CountComparison comparison = new CountComparison(ordered("users", 40L), null, loads);

        assertThat(comparison.tableOf("users")).contains("users");
        CountVerdict verdict = comparison.verdict(counts("users", 40));

        assertThat(verdict.checks().get(0).problems()).containsExactly(
                "collection users was loaded into 2 tables (users, people); its count check needs exactly one");
    }

    @Test
    void everyProblemOfEveryFailingCollectionIsInTheSummary() {
        CountVerdict verdict = new CountComparison(BLOG, BLOG, BLOG_LOADS)
                .verdict(counts("users", 39, "posts", 121, "comments", 300));

        assertThat(verdict.summary()).startsWith("2 of 3 collection check(s) failed: ")
                .contains("collection users: expected 40 rows (records in the snapshot), table users holds 39")
                .contains("collection posts: expected 120 rows (records in the snapshot), table posts holds 121")
                .doesNotContain("comments");
    }

    @Test
    void nothingToCompareIsStillAVerdict() {
        CountVerdict verdict = new CountComparison(Map.of(), Map.of(), List.of()).verdict(Map.of());

        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.checks()).isEmpty();
        assertThat(verdict.summary()).contains("nothing to compare");
    }

    @Test
    void aLoadedTableMustHaveBeenCounted() {
        CountComparison comparison = new CountComparison(BLOG, BLOG, BLOG_LOADS);

        assertThatThrownBy(() -> comparison.verdict(counts("users", 40)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("posts");
    }

    private static Map<String, Long> ordered(Object... collectionsAndCounts) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < collectionsAndCounts.length; i += 2) {
            map.put((String) collectionsAndCounts[i], (Long) collectionsAndCounts[i + 1]);
        }
        return map;
    }

    private static Map<String, TableCount> counts(Object... tablesAndRows) {
        Map<String, TableCount> map = new LinkedHashMap<>();
        for (int i = 0; i < tablesAndRows.length; i += 2) {
            String table = (String) tablesAndRows[i];
            map.put(table, TableCount.counted(table, (Integer) tablesAndRows[i + 1]));
        }
        return map;
    }
}
