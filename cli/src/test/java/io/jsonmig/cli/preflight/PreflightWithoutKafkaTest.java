package io.jsonmig.cli.preflight;

import io.jsonmig.cli.ExitCodes;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code preflight} with no broker at the bootstrap address: Kafka fails, everything else is still checked. */
@QuarkusMainTest
@TestProfile(PreflightWithoutKafkaTest.NoBroker.class)
class PreflightWithoutKafkaTest {

    static final int CLOSED_PORT = closedPort();

    public static class NoBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(StandInServices.portConfig());
            config.put("kafka.bootstrap.servers", "127.0.0.1:" + CLOSED_PORT);
            return config;
        }
    }

    @Test
    void kafkaDownFailsKafkaAndItsTopicsAndTheServicesAreStillChecked(QuarkusMainLauncher launcher) {
        Marks marks = PreflightCommandTest.MARKS;

        LaunchResult result = launcher.launch(PreflightCommandTest.runArgs("local"));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_FAILED);
        List<String> lines = result.getOutputStream();
        assertThat(lines.get(0)).startsWith(marks.failed() + " Kafka reachable at 127.0.0.1:" + CLOSED_PORT + " "
                + marks.dash() + " no answer within 5s");
        assertThat(lines.get(1)).isEqualTo("    fix: start it with 'jsonmig stack up', or point JSONMIG_KAFKA_BOOTSTRAP "
                + "at your broker");
        assertThat(lines.get(2)).isEqualTo(marks.failed() + " topics-present " + marks.dash()
                + " not checked: Kafka did not answer");
        assertThat(lines).filteredOn(l -> l.startsWith(marks.failed() + " ")).hasSize(2);
        assertThat(lines).filteredOn(l -> l.startsWith(marks.passed() + " ")).hasSize(PreflightCommandTest.ITEMS - 2);
        assertThat(lines.get(lines.size() - 1)).isEqualTo((PreflightCommandTest.ITEMS - 2) + " passed, 2 failed");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
