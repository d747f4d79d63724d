package io.jsonmig.cli.report;

import io.jsonmig.cli.runs.RunTexts;
import io.jsonmig.cli.runs.TextTable;
import io.jsonmig.events.payload.CollectionCheck;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A verification report in the terminal, failures first: the verdict and the page's URL, then every
 * failure, the counts per collection, the row-by-row comparison per table, each failed table's
 * differences, keys, schema and figures, and the smoke checks. Without the service's report, what the
 * verification event holds.
 */
final class ReportView {

    static final int MAX_FAILURES = 20;
    static final int MAX_DIFFERENCES = 10;
    private static final int VALUE_WIDTH = 60;

    private ReportView() {
    }

    /** @param traceId the verified attempt's trace, if it was traced */
    static void print(VerificationVerdict verdict, String location, ServiceReport fetched, String traceId,
                      PrintWriter out) {
        out.printf("Verification of run %s, attempt %d: %s%n", verdict.migrationId(), verdict.attempt(),
                verdict.passed() ? "PASSED" : "FAILED");
        line(out, "summary", verdict.summary());
        line(out, "report", location + ".html");
        if (traceId != null) {
            line(out, "trace", traceId);
        }
        if (fetched.available()) {
            full(fetched.report(), out);
        } else {
            line(out, "verified", RunTexts.dateTime(verdict.verifiedAt()));
            fromEvent(verdict, out);
            out.println();
            out.println("The full report (rows compared, differences, keys, schema, smoke checks) is not shown: "
                    + fetched.problem() + ". The verdict above is the verification event's, which is authoritative.");
        }
        out.flush();
    }

    private static void fromEvent(VerificationVerdict verdict, PrintWriter out) {
        out.println();
        out.println("Counts (from the verification event), failures first");
        TextTable counts = new TextTable("COLLECTION", "TABLE", "EXPECTED", "ACTUAL", "RESULT");
        for (CollectionCheck check : verdict.checksFailedFirst()) {
            counts.row(check.collection(), check.table(), check.expected(), check.actual(),
                    check.passed() ? "ok" : "FAILED");
        }
        counts.print(out, "  ");
    }

    private static void full(JsonNode report, PrintWriter out) {
        line(out, "verified", RunTexts.dateTime(instant(report.path("finishedAt"))) + " (took "
                + RunTexts.duration(Duration.ofMillis(report.path("durationMillis").asLong())) + "), mode "
                + text(report.path("mode")) + ", target " + text(report.path("targetProfile")) + ", snapshot "
                + text(report.path("snapshotId")));
        failures(report.path("failures"), out);
        counts(report.path("checks"), out);
        List<JsonNode> tables = failedFirst(report.path("tables"));
        if (!tables.isEmpty()) {
            out.println();
            out.println("Rows compared, failures first");
            TextTable rows = new TextTable("TABLE", "KEY", "RECORDS", "ROWS", "MATCHED", "MISSING", "EXTRA",
                    "DIFFERENT", "DUPLICATES", "RESULT");
            for (JsonNode t : tables) {
                rows.row(text(t.path("table")), key(t), number(t, "records") + rejected(t), number(t, "rows"),
                        number(t, "matched"), number(t, "missing"), number(t, "extra"), number(t, "different"),
                        number(t, "duplicates"), result(t) + sampled(t));
            }
            rows.print(out, "  ");
            tables.stream().filter(t -> !t.path("passed").asBoolean(true)).forEach(t -> tableDetails(t, out));
        }
        smokeChecks(failedFirst(report.path("smokeChecks")), out);
    }

    private static void failures(JsonNode failures, PrintWriter out) {
        if (failures.isEmpty()) {
            return;
        }
        out.println();
        out.printf("Failures (%d)%n", failures.size());
        int shown = 0;
        for (JsonNode failure : failures) {
            if (shown++ == MAX_FAILURES) {
                out.printf("  … and %d more (see the report page)%n", failures.size() - MAX_FAILURES);
                break;
            }
            out.printf("  - %s%n", failure.asText());
        }
    }

    private static void counts(JsonNode checks, PrintWriter out) {
        List<JsonNode> ordered = failedFirst(checks);
        if (ordered.isEmpty()) {
            return;
        }
        out.println();
        out.println("Counts, failures first");
        TextTable counts = new TextTable("COLLECTION", "TABLE", "EXPECTED", "LOADED", "ACTUAL", "RESULT");
        for (JsonNode c : ordered) {
            counts.row(text(c.path("collection")), text(c.path("table")), number(c, "expected"), number(c, "loaded"),
                    number(c, "actual"), c.path("passed").asBoolean(true) ? "ok"
                            : "FAILED: " + strings(c.path("problems")).stream().collect(Collectors.joining("; ")));
        }
        counts.print(out, "  ");
    }

    private static void tableDetails(JsonNode table, PrintWriter out) {
        out.println();
        out.printf("%s: %s%n", text(table.path("table")), String.join("; ", strings(table.path("problems"))));
        JsonNode differences = table.path("differences");
        int shown = 0;
        for (JsonNode d : differences) {
            if (shown++ == MAX_DIFFERENCES) {
                out.printf("  … %d more difference(s) in the report page%n", differences.size() - MAX_DIFFERENCES);
                break;
            }
            out.printf("  %-10s %s%s%n", text(d.path("kind")), text(d.path("key")),
                    d.hasNonNull("position") ? " (record " + d.get("position").asLong() + ")" : "");
            for (JsonNode f : d.path("fields")) {
                out.printf("             %s%s: expected %s, found %s%n", text(f.path("column")),
                        f.hasNonNull("field") && !f.get("field").asText().equals(f.path("column").asText())
                                ? " (" + f.get("field").asText() + ")" : "",
                        value(f.path("expected")), value(f.path("actual")));
            }
        }
        for (JsonNode k : table.path("keys")) {
            if (!k.path("passed").asBoolean(true)) {
                out.printf("  key        %s %s (%s): %d violation(s)%s%n", text(k.path("kind")), text(k.path("name")),
                        String.join(", ", strings(k.path("columns"))), k.path("violations").asLong(),
                        k.path("examples").isEmpty() ? "" : ", e.g. " + String.join("; ", strings(k.path("examples"))));
            }
        }
        for (JsonNode c : table.path("columns")) {
            if (!c.path("passed").asBoolean(true)) {
                out.printf("  schema     %s %s: %d value(s) the type cannot hold%s%n", text(c.path("column")),
                        text(c.path("type")), c.path("notStorable").asLong(),
                        c.hasNonNull("firstExample") ? "; first: " + c.get("firstExample").asText() : "");
            }
        }
        for (JsonNode a : table.path("aggregates")) {
            if (!a.path("passed").asBoolean(true)) {
                strings(a.path("problems")).forEach(problem -> out.printf("  figures    %s%n", problem));
            }
        }
    }

    private static void smokeChecks(List<JsonNode> checks, PrintWriter out) {
        if (checks.isEmpty()) {
            return;
        }
        out.println();
        out.println("Smoke checks, failures first");
        TextTable smoke = new TextTable("NAME", "KIND", "EXPECTED", "ACTUAL", "RESULT");
        for (JsonNode s : checks) {
            smoke.row(text(s.path("name")), text(s.path("kind")), text(s.path("expected")), text(s.path("actual")),
                    s.path("passed").asBoolean(false) ? "ok" : "FAILED: " + text(s.path("problem")));
        }
        smoke.print(out, "  ");
    }

    /** Failed entries (passed false) first, then the others, each group in the report's order. */
    private static List<JsonNode> failedFirst(JsonNode array) {
        List<JsonNode> failed = new ArrayList<>();
        List<JsonNode> passed = new ArrayList<>();
        array.forEach(n -> (n.path("passed").asBoolean(true) ? passed : failed).add(n));
        failed.addAll(passed);
        return failed;
    }

    private static String key(JsonNode table) {
        List<String> key = strings(table.path("key"));
        return key.isEmpty() ? "-" : String.join(",", key) + (table.hasNonNull("keySource")
                ? " (" + table.get("keySource").asText() + ")" : "");
    }

    private static String rejected(JsonNode table) {
        long rejected = table.path("rejected").asLong();
        return rejected > 0 ? " (+" + rejected + " rejected)" : "";
    }

    private static String sampled(JsonNode table) {
        return "sample".equals(table.path("mode").asText()) && table.hasNonNull("sampleRatio")
                ? " (sample " + table.get("sampleRatio").asDouble() + ")" : "";
    }

    private static String result(JsonNode node) {
        return node.path("passed").asBoolean(true) ? "ok" : "FAILED";
    }

    private static String number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asText() : "-";
    }

    private static String text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? "-" : node.asText();
    }

    /** A canonical value as the report holds it: JSON-quoted (so blanks and line breaks show), cut, or NULL. */
    private static String value(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "NULL";
        }
        String quoted = node.toString();
        return quoted.length() <= VALUE_WIDTH ? quoted : quoted.substring(0, VALUE_WIDTH - 1) + "…";
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static Instant instant(JsonNode node) {
        try {
            return node.isTextual() ? Instant.parse(node.asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf("  %-9s %s%n", label, value);
    }
}
