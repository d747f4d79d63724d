package io.jsonmig.bench;

import java.util.Arrays;

/** The source layouts the backup-service accepts, as the benchmark names them. */
public enum Layout {
    /** One {@code <collection>.json} array per collection. */
    ARRAY_PER_FILE("array-per-file", ".json"),
    /** One {@code <collection>.ndjson} with one record per line. */
    NDJSON("ndjson", ".ndjson"),
    /** One {@code db.json} object holding every collection (lowdb / json-server). */
    DB_JSON("db-json", ".json");

    private final String label;
    private final String extension;

    Layout(String label, String extension) {
        this.label = label;
        this.extension = extension;
    }

    public String label() {
        return label;
    }

    String extension() {
        return extension;
    }

    public static Layout of(String label) {
        return Arrays.stream(values()).filter(l -> l.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown bench.layout '" + label
                        + "': expected array-per-file, ndjson or db-json"));
    }
}
