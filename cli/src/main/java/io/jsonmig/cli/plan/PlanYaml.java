package io.jsonmig.cli.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a plan document as a mapping file in YAML, ready to save and edit: only the keys a mapping
 * file has ({@code collections}, {@code table}, {@code columns}), and everything the plan leaves open
 * as comments: pending migrations and collections without a table at the top, each unmapped field
 * under its collection's columns, each column no field fills under its collection.
 */
public final class PlanYaml {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*");
    /** Words YAML 1.1 readers take for booleans or null. */
    private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null");

    private PlanYaml() {
    }

    public static String render(JsonNode plan) {
        StringBuilder out = new StringBuilder();
        comment(out, "", "jsonmig mapping plan for " + plan.path("sourceDir").asText() + ", target profile '"
                + plan.path("targetProfile").asText() + "' (tables in schema " + plan.path("defaultSchema").asText()
                + " unless qualified)");
        comment(out, "", "Fields map by name (camelCase → snake_case, nested objects → <field>_<inner> columns); "
                + "check it, then run with --mapping.");
        JsonNode pending = plan.path("pendingMigrations");
        if (pending.size() > 0) {
            comment(out, "", "PENDING: the target has not applied " + pending.size() + " schema migration"
                    + (pending.size() == 1 ? "" : "s") + " yet; this plan reflects its catalog BEFORE them:");
            pending.forEach(m -> comment(out, "", "  " + m.asText()));
        }
        JsonNode withoutTable = plan.path("collectionsWithoutTable");
        if (withoutTable.size() > 0) {
            comment(out, "", "COLLECTIONS WITHOUT A TABLE (not in this plan; create the table or add the collection "
                    + "with its table):");
            withoutTable.forEach(c -> comment(out, "", "  " + c.path("collection").asText() + " ("
                    + c.path("records").asLong() + " record" + (c.path("records").asLong() == 1 ? "" : "s")
                    + "): looked for " + join(c.path("expectedTables"))));
        }
        JsonNode collections = plan.path("mapping").path("collections");
        out.append("collections:");
        if (collections.isEmpty()) {
            out.append(" {}\n");
            return out.toString();
        }
        out.append('\n');
        for (Iterator<Map.Entry<String, JsonNode>> it = collections.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> collection = it.next();
            String name = collection.getKey();
            JsonNode entry = collection.getValue();
            out.append("  ").append(scalar(name)).append(":\n");
            out.append("    table: ").append(scalar(entry.path("table").asText())).append('\n');
            JsonNode columns = entry.path("columns");
            out.append("    columns:").append(columns.isEmpty() ? " {}\n" : "\n");
            columns.fields().forEachRemaining(c -> out.append("      ").append(scalar(c.getKey())).append(": ")
                    .append(scalar(c.getValue().asText())).append('\n'));
            for (JsonNode field : plan.path("unmappedFields")) {
                if (field.path("collection").asText().equals(name)) {
                    comment(out, "      ", "UNMAPPED FIELD " + field.path("path").asText() + " ("
                            + field.path("kind").asText() + ", e.g. record " + field.path("examplePosition").asLong()
                            + "): " + field.path("reason").asText());
                }
            }
            for (JsonNode column : plan.path("unmappedColumns")) {
                if (column.path("collection").asText().equals(name)) {
                    comment(out, "    ", (column.path("required").asBoolean() ? "REQUIRED COLUMN NO FIELD FILLS "
                            : "column no field fills ") + column.path("column").asText() + " "
                            + column.path("type").asText() + describeColumn(column));
                }
            }
        }
        return out.toString();
    }

    private static String describeColumn(JsonNode column) {
        if (column.path("required").asBoolean()) {
            return ", NOT NULL without default: every record would be rejected";
        }
        if (column.hasNonNull("defaultValue")) {
            return ", default " + column.path("defaultValue").asText();
        }
        return column.path("nullable").asBoolean() ? ", stays NULL" : "";
    }

    private static String join(JsonNode names) {
        StringBuilder joined = new StringBuilder();
        names.forEach(n -> joined.append(joined.length() == 0 ? "" : " or ").append(n.asText()));
        return joined.toString();
    }

    private static void comment(StringBuilder out, String indent, String text) {
        out.append(indent).append("# ").append(text.replaceAll("[\\r\\n\\u2028\\u2029]+", " ")).append('\n');
    }

    /** Plain when unambiguous, otherwise double-quoted (JSON's escapes are valid in YAML's double-quoted style). */
    static String scalar(String text) {
        if (PLAIN.matcher(text).matches() && !RESERVED.contains(text.toLowerCase(Locale.ROOT))) {
            return text;
        }
        try {
            return PlanClient.JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
