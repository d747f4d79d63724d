package io.jsonmig.e2e.chaos;

import java.util.List;

/** One check of a run's end state: what was checked, whether it held, and what was found. */
record Check(String name, boolean passed, String detail) {

    static Check of(String name, boolean passed, String detail) {
        return new Check(name, passed, detail);
    }

    /** Holds when nothing differs; the differences are the detail. */
    static Check noDifferences(String name, List<String> differences) {
        return new Check(name, differences.isEmpty(), differences.isEmpty() ? "" : String.join("; ", differences));
    }

    String describe() {
        return (passed ? "ok   " : "FAIL ") + name + (detail.isEmpty() ? "" : ": " + detail);
    }
}
