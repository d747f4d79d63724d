package io.jsonmig.bench.migration;

import io.jsonmig.bench.placeholder.PlaceholderCollection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the application does on PostgreSQL during the stabilization window, with plain JDBC: updates
 * every 100th row of every table (1 %: a text column; for users also the flattened address and the
 * jsonb company), deletes every 200th row of the tables nobody references (photos, comments, todos:
 * 0.5 % of them, so the foreign keys hold) and inserts 0.5 % new rows into every table, pointing at
 * parent 1 (never deleted).
 */
final class ApplicationWrites {

    static final String EDITED = " (edited by the application)";
    static final String EDITED_CITY = "Lisboa";
    static final String EDITED_COMPANY = "Edited Co";
    static final String INSERTED = "new by the application ";

    /** Per table: the largest id before the writes, and how many rows were updated, inserted, deleted. */
    record Counts(long maxIdBefore, long updated, long inserted, long deleted) {
    }

    private ApplicationWrites() {
    }

    static Map<PlaceholderCollection, Counts> apply(Connection connection) throws SQLException {
        Map<PlaceholderCollection, Counts> counts = new EnumMap<>(PlaceholderCollection.class);
        try (Statement s = connection.createStatement()) {
            for (PlaceholderCollection c : PlaceholderCollection.values()) {
                String table = c.table();
                long max;
                try (ResultSet r = s.executeQuery("SELECT max(id) FROM " + table)) {
                    r.next();
                    max = r.getLong(1);
                }
                long updated = s.executeUpdate("UPDATE " + table + " SET " + update(c) + " WHERE id % 100 = 0");
                long deleted = leaf(c) ? s.executeUpdate("DELETE FROM " + table + " WHERE id % 200 = 1") : 0;
                long rows = Math.max(1, max / 200);
                long inserted = s.executeUpdate("INSERT INTO " + table + " " + insert(c, max, rows));
                counts.put(c, new Counts(max, updated, inserted, deleted));
            }
        }
        return counts;
    }

    /** Tables no foreign key points at: their rows can go without their children first. */
    static boolean leaf(PlaceholderCollection c) {
        return c == PlaceholderCollection.PHOTOS || c == PlaceholderCollection.COMMENTS
                || c == PlaceholderCollection.TODOS;
    }

    /** The JSON field of the record that the update edits (the text column's field). */
    static String editedField(PlaceholderCollection c) {
        return switch (c) {
            case USERS -> "name";
            case COMMENTS -> "body";
            default -> "title";
        };
    }

    private static String update(PlaceholderCollection c) {
        String literal = "'" + EDITED + "'";
        return switch (c) {
            case USERS -> "name = name || " + literal + ", address_city = '" + EDITED_CITY + "', company = "
                    + "jsonb_set(company, '{name}', '\"" + EDITED_COMPANY + "\"')";
            case COMMENTS -> "body = body || " + literal;
            default -> "title = title || " + literal;
        };
    }

    private static String insert(PlaceholderCollection c, long max, long rows) {
        String from = " FROM generate_series(1, " + rows + ") g";
        String id = max + " + g";
        String text = "'" + INSERTED + "' || g";
        return switch (c) {
            case USERS -> "(id, name, username, email, address_street, address_suite, address_city, address_zipcode,"
                    + " address_geo_lat, address_geo_lng, phone, website, company) SELECT " + id + ", " + text
                    + ", 'new' || g, 'new' || g || '@example.org', 'Rua Nova', 'Apt. 1', 'Porto', '4000-001', 41.15,"
                    + " -8.61, '+351 1', NULL, '{\"name\": \"New Co\", \"catchPhrase\": \"new\", \"bs\": \"new\"}'"
                    + from;
            case POSTS -> "(id, user_id, title, body) SELECT " + id + ", 1, " + text + ", 'body'" + from;
            case COMMENTS -> "(id, post_id, name, email, body) SELECT " + id + ", 1, 'n', 'n@example.org', " + text
                    + from;
            case ALBUMS -> "(id, user_id, title) SELECT " + id + ", 1, " + text + from;
            case PHOTOS -> "(id, album_id, title, url, thumbnail_url) SELECT " + id + ", 1, " + text
                    + ", 'https://example.org/p', 'https://example.org/t'" + from;
            case TODOS -> "(id, user_id, title, completed) SELECT " + id + ", 1, " + text + ", false" + from;
        };
    }
}
