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

class RejectTallyTest {

    private static final Path DIRECTORY = Path.of("/var/jsonmig/rejects/mig-1");

    @Test
    void withoutAThresholdTheFirstRejectFailsNamingTheCountsAndTheFile() {
        RejectTally tally = new RejectTally(RejectThreshold.NONE, DIRECTORY);
        tally.add(loaded("users", 9, List.of("collection 'users' record 4: orphan")));

        assertThatThrownBy(tally::failIfCountExceeded).isInstanceOf(PhaseFailure.class)
                .hasMessage("1 of 10 record(s) rejected, more than the run allows (at most 0 reject(s)); every reject "
                        + "is in /var/jsonmig/rejects/mig-1/users.rejects.ndjson. First: collection 'users' record 4: "
                        + "orphan");
    }

    @Test
    void aRatioIsJudgedOverTheWholeRunNotTheFirstTable() {
        RejectTally tally = new RejectTally(new RejectThreshold(null, 0.2), DIRECTORY);
        tally.add(loaded("users", 1, List.of("collection 'users' record 0: duplicate")));

        assertThatCode(tally::failIfCountExceeded).as("1 of 2 so far, but the ratio waits for the end")
                .doesNotThrowAnyException();
        tally.add(loaded("posts", 8, List.of()));
        assertThatCode(tally::failIfExceeded).as("1 of 10").doesNotThrowAnyException();
        tally.add(loaded("comments", 0, List.of("collection 'comments' record 0: orphan",
                "collection 'comments' record 1: orphan")));
        assertThatThrownBy(tally::failIfExceeded).hasMessageStartingWith("3 of 12 record(s) rejected")
                .hasMessageContaining("every reject is in " + DIRECTORY + ".");
    }

    @Test
    void aFailureListsTheFirstHundredRejectsAndCountsTheRest() {
        RejectTally tally = new RejectTally(new RejectThreshold(5L, null), DIRECTORY);
        List<String> described = IntStream.range(0, 100).mapToObj(i -> "collection 'c' record " + i + ": bad").toList();
        tally.add(new CollectionLoad(new TableLoad("c", "public.c", 0, 150), DIRECTORY.resolve("c.rejects.ndjson"),
                described));

        PhaseFailure failure = (PhaseFailure) org.assertj.core.api.Assertions.catchThrowable(tally::failIfCountExceeded);
        assertThat(failure.problems()).hasSize(101).startsWith("collection 'c' record 0: bad")
                .endsWith("50 more reject(s) in " + DIRECTORY);
        assertThat(failure.getMessage()).contains("(at most 5 reject(s))");
    }

    private static CollectionLoad loaded(String collection, long rows, List<String> rejects) {
        return new CollectionLoad(new TableLoad(collection, "public." + collection, rows, rejects.size()),
                rejects.isEmpty() ? null : DIRECTORY.resolve(collection + ".rejects.ndjson"), rejects);
    }
}
