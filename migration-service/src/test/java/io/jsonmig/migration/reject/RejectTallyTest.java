package io.jsonmig.migration.reject;

import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.migration.load.CollectionLoad;
import io.jsonmig.support.messaging.PhaseFailure;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RejectTallyTest {

    private static final Path DIRECTORY = Path.of("/var/jsonmig/rejects/mig-1");

    @Test
    void withoutAThresholdOneRejectFailsNamingTheCountsAndTheFile() {
        RejectTally tally = new RejectTally(RejectThreshold.NONE, DIRECTORY);
        tally.add(loaded("users", 9, List.of("collection 'users' record 4 (key id=5): orphan")));

        assertThatThrownBy(tally::failIfExceeded).isInstanceOf(PhaseFailure.class)
                .hasMessage("1 of 10 record(s) rejected, more than the run allows (at most 0 reject(s)); every reject "
                        + "is in /var/jsonmig/rejects/mig-1/users.rejects.ndjson. Per collection: 'users' 1. First of "
                        + "each: collection 'users' record 4 (key id=5): orphan");
    }

    @Test
    void rejectsOfEveryCollectionAreNamedWithTheirCountsAndTheFirstOfEach() {
        RejectTally tally = new RejectTally(RejectThreshold.NONE, DIRECTORY);
        tally.add(loaded("users", 3, List.of("collection 'users' record 1: a", "collection 'users' record 2: b")));
        tally.add(loaded("posts", 5, List.of()));
        tally.add(loaded("comments", 0, List.of("collection 'comments' record 0: c")));

        PhaseFailure failure = catchThrowableOfType(tally::failIfExceeded, PhaseFailure.class);
        assertThat(failure.getMessage()).isEqualTo("3 of 11 record(s) rejected, more than the run allows (at most 0 "
                + "reject(s)); every reject is in " + DIRECTORY + ". Per collection: 'users' 2, 'comments' 1. First "
                + "of each: collection 'users' record 1: a; collection 'comments' record 0: c");
        assertThat(failure.problems()).containsExactly("collection 'users' record 1: a",
                "collection 'users' record 2: b", "collection 'comments' record 0: c");
    }

    @Test
    void aRatioIsJudgedOverTheWholeRunNotTheFirstTable() {
        RejectTally tally = new RejectTally(new RejectThreshold(null, 0.2), DIRECTORY);
        tally.add(loaded("users", 1, List.of("collection 'users' record 0: duplicate")));
        tally.add(loaded("posts", 8, List.of()));
        assertThatCode(tally::failIfExceeded).as("1 of 10").doesNotThrowAnyException();
        tally.add(loaded("comments", 0, List.of("collection 'comments' record 0: orphan",
                "collection 'comments' record 1: orphan")));
        assertThatThrownBy(tally::failIfExceeded).hasMessageStartingWith("3 of 12 record(s) rejected")
                .hasMessageContaining("every reject is in " + DIRECTORY + ".");
    }

    @Test
    void aFailureListsTheFirstRejectsOfEachCollectionAndWhereTheRestAre() {
        RejectTally tally = new RejectTally(new RejectThreshold(5L, null), DIRECTORY);
        List<String> described = IntStream.range(0, CollectionLoad.LISTED_REJECTS)
                .mapToObj(i -> "collection 'c' record " + i + ": bad").toList();
        Path file = DIRECTORY.resolve("c.rejects.ndjson");
        tally.add(new CollectionLoad(new TableLoad("c", "public.c", 0, 150), "c", file, described));

        PhaseFailure failure = catchThrowableOfType(tally::failIfExceeded, PhaseFailure.class);
        assertThat(failure.problems()).hasSize(CollectionLoad.LISTED_REJECTS + 1)
                .startsWith("collection 'c' record 0: bad").endsWith("collection 'c': 145 more reject(s) in " + file);
        assertThat(failure.getMessage()).contains("(at most 5 reject(s))").contains("Per collection: 'c' 150.");
    }

    private static CollectionLoad loaded(String collection, long rows, List<String> rejects) {
        return new CollectionLoad(new TableLoad(collection, "public." + collection, rows, rejects.size()), collection,
                rejects.isEmpty() ? null : DIRECTORY.resolve(collection + ".rejects.ndjson"), rejects);
    }
}
