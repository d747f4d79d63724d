package io.jsonmig.bench.migration;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.jsonmig.bench.placeholder.PlaceholderCollection;
import io.jsonmig.mappingplan.target.Identifiers;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The live {@code db.json} after the rollback, read one record at a time: per collection as many records
 * as its (fenced) table holds rows, every updated record with the application's values, no deleted
 * record, every inserted one.
 */
final class RestoredDbJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was found: records per collection, and how many updated / inserted records were checked. */
    record Check(Map<PlaceholderCollection, Long> records, long updatedChecked, long insertedFound,
                 List<String> problems) {
    }

    private RestoredDbJson() {
    }

    static Check check(Path dbJson, Map<PlaceholderCollection, ApplicationWrites.Counts> writes, Connection target)
            throws IOException, SQLException {
        Map<PlaceholderCollection, Long> records = new EnumMap<>(PlaceholderCollection.class);
        List<String> problems = new ArrayList<>();
        long updated = 0;
        long inserted = 0;
        try (JsonParser parser = JSON.createParser(dbJson.toFile())) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                PlaceholderCollection collection = collection(parser.currentName());
                expect(parser.nextToken(), JsonToken.START_ARRAY);
                ApplicationWrites.Counts counts = writes.get(collection);
                long n = 0;
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode record = parser.readValueAsTree();
                    n++;
                    long id = record.path("id").asLong();
                    String text = record.path(ApplicationWrites.editedField(collection)).asText();
                    if (id > counts.maxIdBefore()) {
                        inserted++;
                        if (!text.startsWith(ApplicationWrites.INSERTED)) {
                            problem(problems, collection + " " + id + " (inserted): " + text);
                        }
                    } else if (id % 100 == 0) {
                        updated++;
                        boolean ok = text.endsWith(ApplicationWrites.EDITED);
                        if (collection == PlaceholderCollection.USERS) {
                            ok &= ApplicationWrites.EDITED_CITY.equals(record.path("address").path("city").asText())
                                    && ApplicationWrites.EDITED_COMPANY.equals(record.path("company").path("name")
                                    .asText());
                        }
                        if (!ok) {
                            problem(problems, collection + " " + id + " (updated) lacks the new values: " + record);
                        }
                    } else if (ApplicationWrites.leaf(collection) && id % 200 == 1) {
                        problem(problems, collection + " " + id + " was deleted but is in the file");
                    }
                }
                records.put(collection, n);
            }
        }
        try (Statement s = target.createStatement()) {
            for (PlaceholderCollection c : PlaceholderCollection.values()) {
                try (ResultSet count = s.executeQuery("SELECT count(*) FROM " + Identifiers.quote(c.table()))) {
                    count.next();
                    if (records.getOrDefault(c, -1L) != count.getLong(1)) {
                        problems.add(c.collectionName() + ": " + records.get(c) + " records in db.json, "
                                + count.getLong(1) + " rows in the table");
                    }
                }
            }
        }
        long expectedUpdated = writes.values().stream().mapToLong(ApplicationWrites.Counts::updated).sum();
        long expectedInserted = writes.values().stream().mapToLong(ApplicationWrites.Counts::inserted).sum();
        if (updated != expectedUpdated || inserted != expectedInserted) {
            problems.add("db.json holds " + updated + " updated and " + inserted + " inserted records; the application"
                    + " updated " + expectedUpdated + " and inserted " + expectedInserted);
        }
        return new Check(records, updated, inserted, problems);
    }

    private static PlaceholderCollection collection(String name) {
        for (PlaceholderCollection c : PlaceholderCollection.values()) {
            if (c.collectionName().equals(name)) {
                return c;
            }
        }
        throw new IllegalStateException("db.json holds an unknown collection " + name);
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalStateException("db.json: expected " + expected + ", found " + actual);
        }
    }

    private static void problem(List<String> problems, String problem) {
        if (problems.size() < 20) {
            problems.add(problem);
        }
    }
}
