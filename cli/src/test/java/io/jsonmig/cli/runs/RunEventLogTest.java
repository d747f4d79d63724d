package io.jsonmig.cli.runs;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.kafka.KafkaClients;
import io.jsonmig.stack.LocalKafkaBroker;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunEventLogTest {

    @Test
    void anUnreachableBrokerIsNamedWithItsAddress() {
        String nowhere = "127.0.0.1:" + LocalKafkaBroker.freePort();
        RunEventLog log = new RunEventLog(new KafkaClients(nowhere, Duration.ofSeconds(2)));
        PrintWriter err = new PrintWriter(new StringWriter());

        assertThatThrownBy(() -> log.allRuns(err)).isInstanceOf(CliException.class)
                .hasMessageContaining("cannot reach Kafka at " + nowhere).hasMessageContaining("jsonmig stack up");
        assertThatThrownBy(() -> log.run("mig-20261125-153600-7f3a", true, err)).isInstanceOf(CliException.class)
                .hasMessageContaining("cannot reach Kafka at " + nowhere);
    }
}
