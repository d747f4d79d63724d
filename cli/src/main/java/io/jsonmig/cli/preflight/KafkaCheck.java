package io.jsonmig.cli.preflight;

import io.jsonmig.events.Topics;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.KafkaException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Whether the broker answers and holds every jsonmig topic ({@link Topics#ALL}). Creates nothing. */
final class KafkaCheck {

    static final String SERVICE = "kafka";
    static final String REACHABLE = "kafka-reachable";
    static final String TOPICS = "topics-present";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private KafkaCheck() {
    }

    static List<ChecklistItem> check(String bootstrap) {
        String reached = "Kafka reachable at " + bootstrap;
        Map<String, Object> props = new HashMap<>();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, "jsonmig-cli-preflight");
        int millis = (int) WAIT.toMillis();
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, millis);
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, (long) millis);
        props.put(CommonClientConfigs.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, (long) millis);
        String fix = "start it with 'jsonmig stack up', or point JSONMIG_KAFKA_BOOTSTRAP at your broker";
        Admin admin;
        try {
            admin = Admin.create(props);
        } catch (KafkaException e) {
            return unreachable(reached, "invalid bootstrap address: " + e.getMessage(), fix);
        }
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(millis)).nodes()
                    .get(millis + 1000L, TimeUnit.MILLISECONDS).size();
            ChecklistItem kafka = ChecklistItem.passed(SERVICE, REACHABLE, reached, brokers + " broker"
                    + (brokers == 1 ? "" : "s") + " at " + bootstrap);
            Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs(millis)).names()
                    .get(millis + 1000L, TimeUnit.MILLISECONDS);
            List<String> missing = Topics.ALL.stream().filter(t -> !existing.contains(t)).toList();
            int present = Topics.ALL.size() - missing.size();
            ChecklistItem topics = missing.isEmpty()
                    ? ChecklistItem.passed(SERVICE, TOPICS, "topics present (" + present + ")",
                            "all " + present + " jsonmig topics exist")
                    : ChecklistItem.failed(SERVICE, TOPICS, "topics present (" + present + " of " + Topics.ALL.size()
                            + ")", "missing: " + String.join(", ", missing), "create them with 'jsonmig stack up' "
                            + "(it creates only the missing ones)");
            return List.of(kafka, topics);
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return unreachable(reached, "no answer within " + WAIT.toSeconds() + "s"
                    + (e.getCause() != null && e.getCause().getMessage() != null ? " (" + e.getCause().getMessage() + ")"
                    : ""), fix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(reached, "interrupted", fix);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static List<ChecklistItem> unreachable(String headline, String detail, String fix) {
        return List.of(ChecklistItem.failed(SERVICE, REACHABLE, headline, detail, fix),
                ChecklistItem.notChecked(SERVICE, TOPICS, "Kafka did not answer"));
    }
}
