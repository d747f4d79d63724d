package io.jsonmig.cli.start;

/**
 * Each setting of a run, by its flag and its key in a run file ({@code migration.yaml}, docs/run-file.md).
 * Every setting can be given either way; a flag wins over the file.
 */
public enum RunField {
    SOURCE("--source", "source.dir", "source directory"),
    FILES("--file", "source.files", "source files"),
    LAYOUT("--layout", "source.layout", "source layout"),
    SCHEMA("--schema", "schema", "schema directory"),
    MAPPING("--mapping", "mapping", "mapping file"),
    TARGET("--target", "target", "target profile"),
    MAX_REJECTS("--max-rejects", "reject.maxCount", "reject limit"),
    MAX_REJECT_RATIO("--max-reject-ratio", "reject.maxRatio", "reject ratio"),
    APPEND("--append", "append", "append"),
    SCHEDULED_AT("--scheduled-at", "maintenanceWindow.scheduledAt", "maintenance window opens"),
    EXPECTED_DOWNTIME("--expected-downtime", "maintenanceWindow.expectedDowntime", "expected downtime"),
    SMOKE_CHECKS("--smoke-check", "smokeChecks", "smoke check"),
    NOTIFY("--notify", "notify", "notify"),
    DRY_RUN("--dry-run", "dryRun", "dry run"),
    REMOTE_PATHS("--remote-paths", "remotePaths", "remote paths"),
    STABILIZATION_WINDOW("--stabilization-window", "stabilization.window", "stabilization window"),
    PROBES("--probe", "stabilization.probes", "stabilization probe"),
    PROBE_INTERVAL("--probe-interval", "stabilization.interval", "probe interval"),
    BASELINE_SAMPLES("--baseline-samples", "stabilization.baseline.samples", "baseline samples"),
    FAILURES_IN_A_ROW("--rollback-after-failures", "stabilization.rollbackOn.failuresInARow", "failures in a row"),
    P95_FACTOR("--rollback-p95-factor", "stabilization.rollbackOn.p95Factor", "p95 factor"),
    OVER("--rollback-over", "stabilization.rollbackOn.over", "span of the p95 and error rate"),
    ERROR_RATE("--rollback-error-rate", "stabilization.rollbackOn.errorRate", "error rate bound"),
    CONNECTIONS_SHARE("--alert-connections-share", "stabilization.rollbackOn.connectionsShare",
            "connections share"),
    STABILIZATION_MODE("--stabilization-mode", "stabilization.mode", "stabilization mode");

    private final String flag;
    private final String key;
    private final String label;

    RunField(String flag, String key, String label) {
        this.flag = flag;
        this.key = key;
        this.label = label;
    }

    public String flag() {
        return flag;
    }

    /** The key path in a run file, e.g. {@code reject.maxRatio}. */
    public String key() {
        return key;
    }

    /** What the setting is, in words, e.g. {@code source directory}. */
    public String label() {
        return label;
    }
}
