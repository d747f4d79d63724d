package io.jsonmig.verification.report;

import io.jsonmig.verification.check.Verdict;
import io.jsonmig.verification.config.VerificationConfig;
import io.jsonmig.verification.rest.VerificationResource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** Keeps verification reports and says where they are served. */
@ApplicationScoped
public class VerificationReports {

    private final VerificationConfig config;

    public VerificationReports(VerificationConfig config) {
        this.config = config;
    }

    /**
     * Stores the report of an attempt, of its kind ({@link VerificationReport#FORWARD} or
     * {@link VerificationReport#REVERSE_SYNC}). Verifying the same attempt again (a redelivery after a crash)
     * replaces its report of that kind instead of adding a second one; the other kind's stays.
     */
    @Transactional
    public void save(String kind, String migrationId, int attempt, String targetProfile, String snapshotId,
                     Verdict verdict, Instant startedAt, Instant finishedAt) {
        VerificationReport report = VerificationReport.of(migrationId, attempt, kind)
                .orElseGet(VerificationReport::new);
        report.kind = kind;
        report.migrationId = migrationId;
        report.attempt = attempt;
        report.targetProfile = targetProfile;
        report.snapshotId = snapshotId;
        report.passed = verdict.passed();
        report.summary = verdict.summary();
        report.mode = verdict.mode();
        report.failures = verdict.failures();
        report.checks = verdict.counts().checks();
        report.tables = verdict.tables();
        report.smokeChecks = verdict.smoke();
        report.startedAt = startedAt;
        report.finishedAt = finishedAt;
        report.persist();
    }

    /** The public URL of a run's report, as published in the events. */
    public String locationOf(String migrationId) {
        String base = config.publicUrl().replaceAll("/+$", "");
        return base + VerificationResource.PATH + "/" + migrationId;
    }

    /** The public URL of the report of a run's reverse sync, as {@code reverse-sync.verified} publishes it. */
    public String reverseSyncLocationOf(String migrationId) {
        return locationOf(migrationId) + VerificationResource.REVERSE_SYNC;
    }
}
