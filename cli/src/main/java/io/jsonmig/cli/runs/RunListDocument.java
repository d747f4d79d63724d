package io.jsonmig.cli.runs;

import java.util.List;

/** The JSON document of {@code list --json} and {@code status --json} without an id. */
public record RunListDocument(String bootstrap, List<RunListItem> runs) {

    static RunListDocument of(String bootstrap, List<RunHistory> runs) {
        return new RunListDocument(bootstrap, runs.stream().map(RunListItem::of).toList());
    }
}
