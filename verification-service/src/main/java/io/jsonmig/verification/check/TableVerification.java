package io.jsonmig.verification.check;

import io.jsonmig.verification.keys.KeyCheck;
import io.jsonmig.verification.rows.RowDifference;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Everything compared for one collection's table, as the report keeps it.
 *
 * @param key          the columns rows are matched by
 * @param keySource    where they come from: {@code primary key}, {@code unique constraint x}, ...
 * @param mode         {@code full}, or {@code sample} with {@link #sampleRatio} of the keys compared row by row
 * @param records      snapshot records compared (rejected ones left out)
 * @param rejected     records the migration quarantined, accounted for and not compared
 * @param rows         table rows read
 * @param differences  the first differences of each kind (all are counted)
 * @param spilledRuns  sorted runs of row hashes written to disk (0: the table fitted in memory)
 */
@JsonIgnoreProperties(value = "passed", allowGetters = true)
public record TableVerification(String collection, String table, List<String> key, String keySource, String mode,
                                Double sampleRatio, long records, long rejected, long rows, long matched,
                                long missing, long extra, long different, long duplicates,
                                List<RowDifference> differences, List<ColumnCheck> columns,
                                List<AggregateCheck> aggregates, List<KeyCheck> keys, List<String> problems,
                                long millis, long rowsPerSecond, int spilledRuns) {

    public TableVerification {
        key = List.copyOf(key);
        differences = List.copyOf(differences);
        columns = List.copyOf(columns);
        aggregates = List.copyOf(aggregates);
        keys = List.copyOf(keys);
        problems = List.copyOf(problems);
    }

    @JsonProperty
    public boolean passed() {
        return problems.isEmpty();
    }

    /** A table that could not be compared at all: only why. */
    public static TableVerification notCompared(String collection, String table, List<String> problems) {
        return new TableVerification(collection, table, List.of(), null, "none", null, 0, 0, 0, 0, 0, 0, 0, 0,
                List.of(), List.of(), List.of(), List.of(), problems, 0, 0, 0);
    }
}
