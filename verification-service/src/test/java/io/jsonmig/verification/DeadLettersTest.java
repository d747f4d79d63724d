package io.jsonmig.verification;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.jsonmig.testing.poison.DeadLetters;
import io.jsonmig.testing.poison.PoisonRecord;
import io.jsonmig.testing.poison.PoisonRecords;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A record on the topic verification-service reads that is not a valid event of it: a dead letter, and the next event is handled. */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class DeadLettersTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    @RegisterExtension
    static final DeadLetters deadLetters = DeadLetters.onTestBroker();

    private static Path workDir;
    private static VerificationEvents events;

    @BeforeAll
    static void createWorkDir() throws IOException {
        workDir = Files.createTempDirectory("jsonmig-verification-dead-letters-").toRealPath();
        events = new VerificationEvents(workDir);
    }

    @AfterAll
    static void deleteWorkDir() {
        TestFiles.deleteTree(workDir);
    }

    @Test
    void everyPoisonRecordOnDataMigratedIsADeadLetterAndTheNextEventIsHandled() {
        EventEnvelope next = events.dataMigratedOutsideTheAllowedRoots();
        List<PoisonRecord> poisons = PoisonRecords.like(next);
        poisons.forEach(probe::publish);

        probe.publish(next);

        probe.await(next.migrationId(), EventType.PHASE_FAILED, TIMEOUT);
        poisons.forEach(poison -> deadLetters.assertDeadLettered(poison, TIMEOUT));
    }
}
