package io.jsonmig.verification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

@ConfigMapping(prefix = "jsonmig.verification")
public interface VerificationConfig {

    /** Where people and tools reach this service; report links in events start with it. */
    String publicUrl();

    /**
     * Where people reach notification-service's status page ({@code JSONMIG_STATUS_PUBLIC_URL}, as there):
     * the report's page links back to the run's page under it.
     */
    @WithDefault("http://127.0.0.1:8084")
    String statusPublicUrl();

    /** Differences per table the report describes field by field (all are counted). */
    @WithDefault("20")
    int maxDifferences();

    /** Row hashes per table kept in memory; beyond it sorted runs spill to {@link #spillDir()}. */
    @WithDefault("100000")
    int sortBufferRecords();

    /** Where sorted runs of row hashes spill; the system's temporary directory when absent. */
    Optional<String> spillDir();

    /** A progress event every this many records compared (and one at the end of each table). */
    @WithDefault("10000")
    long progressEvery();

    Sampling sampling();

    Smoke smoke();

    Stabilization stabilization();

    /** How the baseline before the cut-over is taken (what is probed, and how often, is the run's). */
    interface Stabilization {

        /** Calls of one probe in flight at once while the baseline is taken. */
        @WithDefault("4")
        int baselineConcurrency();

        /** The baseline's calls of one probe start this far apart, so that they sample time, not one burst. */
        @WithDefault("100ms")
        Duration baselineSpacing();

        /** Slowest statements on the run's tables each check reports, when pg_stat_statements is installed. */
        @WithDefault("5")
        int slowestStatements();
    }

    /** Row by row in full unless a table holds more than {@code above-records} records. */
    interface Sampling {

        /** Tables with more records than this are compared row by row on a sample; absent: never. */
        OptionalLong aboveRecords();

        /** The share of keys the sample compares (chosen by the key's hash, the same on both sides). */
        @WithDefault("0.01")
        double ratio();
    }

    /**
     * Checks of the migrated application run after the data checks, the configured ones first and then
     * the run's own ({@code RunSpec.smokeChecks}); any failure requests a rollback.
     */
    interface Smoke {

        /** How long the query of any SQL smoke check may run (the server's {@code statement_timeout}). */
        @WithDefault("30s")
        Duration statementTimeout();

        /** How long a run's own URL check may take to connect and answer (a configured one has its own). */
        @WithDefault("10s")
        Duration httpTimeout();

        /** By name: a query against the run's target and the text its first column of its first row must be. */
        Map<String, SqlCheck> sql();

        /** By name: a URL (the application's health, say) that must answer with the expected status. */
        Map<String, HttpCheck> http();
    }

    interface SqlCheck {
        String query();

        /** The first column of the first row as PostgreSQL prints it; {@code null} for NULL or no row. */
        String expected();

        /** The target profiles it applies to; empty: every profile. */
        Optional<List<String>> profiles();
    }

    interface HttpCheck {
        String url();

        @WithDefault("200")
        int expectedStatus();

        @WithDefault("10s")
        Duration timeout();

        /** The target profiles it applies to; empty: every profile. */
        Optional<List<String>> profiles();
    }
}
