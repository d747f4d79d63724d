package io.jsonmig.support.source;

import com.fasterxml.jackson.annotation.JsonValue;

/** How an application keeps its collections in JSON files. */
public enum SourceLayout {
    /** One file (lowdb / json-server {@code db.json}) holding an object of collections, each an array. */
    DB_JSON("db-json"),
    /** One file per collection holding an array of records; the file name is the collection. */
    ARRAY_PER_FILE("array-per-file"),
    /** One file per collection with one JSON object per line ({@code .ndjson} or {@code .jsonl}). */
    NDJSON("ndjson");

    private final String label;

    SourceLayout(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

}
