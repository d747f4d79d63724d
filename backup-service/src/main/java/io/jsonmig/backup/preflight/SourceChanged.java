package io.jsonmig.backup.preflight;

import java.util.List;

/**
 * A source file changed while it was read: the application is still writing. Taking the snapshot
 * again may succeed once the write is over.
 */
public class SourceChanged extends RuntimeException {

    private final List<String> changes;

    public SourceChanged(List<String> changes) {
        super(String.join("; ", changes));
        this.changes = List.copyOf(changes);
    }

    /** One line per changed file, naming it and what changed. */
    public List<String> changes() {
        return changes;
    }
}
