package io.jsonmig.verification.reverse;

import io.jsonmig.events.payload.CollectionSync;
import io.jsonmig.events.payload.ReverseSyncExported;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SnapshotStorage;
import io.jsonmig.events.payload.SnapshotSummary;
import io.jsonmig.events.payload.TableLoad;
import io.jsonmig.events.payload.WriteFence;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the comparison is told about the fenced tables by a {@code reverse-sync.exported}. */
class FencedTablesTest {

    private static final RunSpec SPEC = new RunSpec("/srv/app/data", "/srv/app/schema", null, "test", "ops");
    private static final SnapshotSummary EXPORT = new SnapshotSummary("mig-1-reverse", "/srv/exports/mig-1", "db-json",
            1, 1_000, Map.of("users", 41L, "orders", 10L), "0".repeat(64), SnapshotStorage.PLAIN, null);

    private static FencedTables of(List<String> fenced, List<CollectionSync> collections,
                                   Map<String, List<Long>> rejectPositions) {
        return new FencedTables(new ReverseSyncExported(SPEC, EXPORT, "mig-1-a1",
                new WriteFence(fenced, Instant.EPOCH, 5, "fenced"), collections, rejectPositions));
    }

    @Test
    void eachTableHoldsTheExportedRecordsLessTheRejectsKeptWhichAreRejectedAtTheirPositions() throws Exception {
        FencedTables tables = of(List.of("public.orders", "public.users"),
                List.of(new CollectionSync("users", "public.users", 37, 2, 1, 3, 1),
                        new CollectionSync("orders", "orders", 10, 0, 0, 0, 0)),
                Map.of("users", List.of(7L), "users.tags", List.of(2L)));

        assertThat(tables.loads()).containsExactly(
                new TableLoad("users", "public.users", 40, 1), // 37 unchanged + 2 updated + 1 inserted; deleted are gone
                new TableLoad("orders", "public.orders", 10, 0)); // named unqualified: the fence's name
        assertThat(tables.names()).containsExactly("public.orders", "public.users");
        assertThat(tables.rejected(null, null)).isEqualTo(Map.of("users", Set.of(7L), "users.tags", Set.of(2L)));
        assertThat(tables.problems()).isEmpty();
    }

    @Test
    void whatTheExportCannotHaveRightIsNamed() {
        FencedTables tables = of(List.of("public.users"),
                List.of(new CollectionSync("users", "public.users", 40, 0, 0, 0, 2),
                        new CollectionSync("orders", "public.orders", 10, 0, 0, 0, 0)),
                Map.of("users", List.of(3L), "invoices", List.of(0L)));

        assertThat(tables.problems()).containsExactlyInAnyOrder(
                "collection users: the export kept 2 reject(s), but names 1 position(s) of them",
                "table public.orders of collection orders is not among the fenced tables (public.users): writes to "
                        + "it may not have been carried back",
                "the export names reject positions of invoices, which it did not export");
    }
}
