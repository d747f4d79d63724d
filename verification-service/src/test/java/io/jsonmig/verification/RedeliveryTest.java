package io.jsonmig.verification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.support.target.TargetProfiles;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * data.migrated delivered twice, back to back or after its run's cut-over was announced, is verified
 * once. The topic has one partition, handled in order: once a later run's verification fails, both
 * deliveries have been handled.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class RedeliveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    private static Path workDir;
    private static VerificationEvents events;

    @Inject
    DataSource ledger;

    @Inject
    TargetProfiles targets;

    @BeforeAll
    static void createWorkDir() throws IOException {
        workDir = Files.createTempDirectory("jsonmig-verification-redelivery-").toRealPath();
        events = new VerificationEvents(workDir);
    }

    @AfterAll
    static void deleteWorkDir() {
        TestFiles.deleteTree(workDir);
    }

    @Test
    void dataMigratedDeliveredTwiceInARowIsVerifiedOnce() throws Exception {
        BlogTarget.prepare(targets.resolve("test"), "twice_in_a_row");
        EventEnvelope migrated = events.dataMigrated("twice_in_a_row");
        probe.publish(migrated);
        probe.publish(migrated);

        awaitLaterRunHandled();
        // Recorded once as a job (the second delivery found it), which may finish after the later run's.
        probe.await(migrated.migrationId(), EventType.VERIFICATION_PASSED, TIMEOUT);

        assertVerifiedOnce(migrated);
    }

    @Test
    void dataMigratedDeliveredAgainAfterItsVerdictIsNotVerifiedAgain() throws Exception {
        BlogTarget.prepare(targets.resolve("test"), "again_later");
        EventEnvelope migrated = events.dataMigrated("again_later");
        probe.publish(migrated);
        probe.await(migrated.migrationId(), EventType.VERIFICATION_PASSED, TIMEOUT);

        probe.publish(migrated);
        awaitLaterRunHandled();

        assertVerifiedOnce(migrated);
    }

    private static void awaitLaterRunHandled() {
        EventEnvelope later = probe.publish(events.dataMigratedOutsideTheAllowedRoots());
        probe.await(later.migrationId(), EventType.PHASE_FAILED, TIMEOUT);
    }

    private void assertVerifiedOnce(EventEnvelope migrated) throws SQLException {
        String id = migrated.migrationId();
        assertThat(probe.eventsOf(id)).extracting(EventEnvelope::type)
                .containsOnlyOnce(EventType.VERIFICATION_PASSED)
                .doesNotContain(EventType.VERIFICATION_FAILED, EventType.PHASE_FAILED, EventType.CUTOVER_READY);
        assertThat(ledgerCount("verification_report", id)).as("reports").isEqualTo(1);
        assertThat(ledgerCount("phase_run", id)).as("phase runs").isEqualTo(1);
    }

    private long ledgerCount(String table, String migrationId) throws SQLException {
        try (Connection c = ledger.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM verification." + table
                     + " WHERE migration_id = ?")) {
            s.setString(1, migrationId);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
