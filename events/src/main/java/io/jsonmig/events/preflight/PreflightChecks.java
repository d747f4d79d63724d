package io.jsonmig.events.preflight;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names of the checks each service answers {@code POST /preflight} with, in its order: what a
 * caller reports as not checked when a service does not answer.
 */
public final class PreflightChecks {

    public static final String SOURCE_READABLE = "source-readable";
    public static final String SOURCE_VALID = "source-valid";
    public static final String SOURCE_LAYOUT = "source-layout";
    public static final String BACKUP_SPACE = "backup-space";

    public static final String TARGET_REACHABLE = "target-reachable";
    public static final String TARGET_PRIVILEGES = "target-privileges";
    public static final String SCHEMA_MIGRATIONS = "schema-migrations";
    public static final String TARGET_TABLES = "target-tables";
    public static final String MAPPING_COMPLETE = "mapping-complete";
    /** A run with a stabilization window: whether a rollback after the cut-over can carry the tables back. */
    public static final String MAPPING_REVERSIBLE = "mapping-reversible";

    public static final String SMOKE_CHECKS = "smoke-checks";
    public static final String REPORT_URL = "report-url";

    public static final String MAIL_SERVER = "mail-server";
    public static final String WEBHOOKS = "webhooks";
    public static final String RECIPIENTS = "recipients";

    /** Service name → its checks, in the order the services run in. */
    public static final Map<String, List<String>> BY_SERVICE;

    static {
        Map<String, List<String>> byService = new LinkedHashMap<>();
        byService.put("backup-service", List.of(SOURCE_READABLE, SOURCE_VALID, SOURCE_LAYOUT, BACKUP_SPACE));
        byService.put("migration-service", List.of(TARGET_REACHABLE, TARGET_PRIVILEGES, SCHEMA_MIGRATIONS,
                TARGET_TABLES, MAPPING_COMPLETE, MAPPING_REVERSIBLE));
        byService.put("verification-service", List.of(SMOKE_CHECKS, REPORT_URL));
        byService.put("notification-service", List.of(MAIL_SERVER, WEBHOOKS, RECIPIENTS));
        BY_SERVICE = java.util.Collections.unmodifiableMap(byService);
    }

    private PreflightChecks() {
    }
}
