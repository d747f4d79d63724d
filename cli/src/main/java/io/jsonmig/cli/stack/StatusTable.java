package io.jsonmig.cli.stack;

import java.io.PrintWriter;
import java.util.List;

/** Prints the stack's components as a table: name, pid, state, address, log. */
public final class StatusTable {

    private static final String ROW = "%-22s %-8s %-14s %-24s %s%n";

    private StatusTable() {
    }

    public static void print(List<ComponentStatus> components, PrintWriter out) {
        out.printf(ROW, "NAME", "PID", "STATE", "ADDRESS", "LOG");
        for (ComponentStatus c : components) {
            out.printf(ROW, c.name(), c.pid() > 0 ? Long.toString(c.pid()) : "-", c.state(), c.address(),
                    c.log() == null ? "-" : c.log());
        }
        out.flush();
    }
}
