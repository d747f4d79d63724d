package io.jsonmig.cli.preflight;

import java.io.PrintWriter;
import java.util.List;

/** Prints checklist lines as they come: {@code ✓ name — detail}, and under a failed one its fix, indented. */
final class Checklist {

    private final PrintWriter out;
    private final Marks marks;

    Checklist(PrintWriter out, Marks marks) {
        this.out = out;
        this.marks = marks;
    }

    void print(ChecklistItem item) {
        boolean ownDetail = !item.headline().equals(item.name());
        String line = marks.of(item.passed()) + " " + item.headline();
        if (!(ownDetail && item.passed()) && item.detail() != null && !item.detail().isEmpty()) {
            line += " " + marks.dash() + " " + item.detail();
        }
        out.println(line);
        if (!item.passed() && item.fix() != null) {
            out.println("    fix: " + item.fix());
        }
        out.flush();
    }

    /** {@code 8 passed, 1 failed}. */
    static String summary(List<ChecklistItem> items) {
        long passed = items.stream().filter(ChecklistItem::passed).count();
        return passed + " passed, " + (items.size() - passed) + " failed";
    }
}
