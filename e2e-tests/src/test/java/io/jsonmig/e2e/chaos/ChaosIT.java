package io.jsonmig.e2e.chaos;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chaos harness in CI: three runs of the whole pipeline (four packaged services, a broker of its
 * own, a generated JSONPlaceholder-shaped source), one with migration-service killed mid-load, one
 * with the broker restarted, one with the target's connections terminated mid-load. Each must end
 * completed with every row as in the source, or cleanly rolled back. {@code e2e-tests/run-chaos.sh}
 * runs the same test with more runs, random plans and a larger source.
 */
class ChaosIT {

    @Test
    void everyRunUnderFaultsEndsCompletedWithEveryRowOnceOrCleanlyRolledBack() throws Exception {
        Path home = Path.of(System.getProperty("jsonmig.home", "..")).toAbsolutePath().normalize();
        try (ChaosHarness harness = ChaosHarness.prepare(ChaosSettings.fromSystemProperties(), home, System.out)) {
            List<RunResult> results = harness.runAll();
            System.out.println("chaos: this report is also in " + harness.reportFile());
            assertThat(results).as("runs").isNotEmpty().allSatisfy(r -> assertThat(r.correct())
                    .as("run %d (%s): %s%n%s", r.number(), r.migrationId(), r.endState(), r.describe()).isTrue());
        }
    }
}
