package io.jsonmig.cli.stack;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.kafka.KafkaClients;
import io.jsonmig.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Creates the jsonmig topics ({@link Topics#ALL}: run topics and dead letters) that are missing; existing ones are left as they are. */
@ApplicationScoped
public class TopicSetup {

    private final KafkaClients kafka;

    public TopicSetup(KafkaClients kafka) {
        this.kafka = kafka;
    }

    /** @return the topics that were created */
    public List<String> ensureTopics(int partitions) {
        long waitMillis = kafka.timeout().toMillis();
        try (Admin admin = kafka.admin()) {
            Set<String> existing = admin.listTopics().names().get(waitMillis, TimeUnit.MILLISECONDS);
            List<NewTopic> missing = Topics.ALL.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, partitions, (short) 1)).toList();
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get(waitMillis, TimeUnit.MILLISECONDS);
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new CliException("cannot create topic " + entry.getKey() + " on " + kafka.bootstrap()
                                + ": " + e.getCause().getMessage(), e);
                    }
                }
            }
            return created;
        } catch (ExecutionException | TimeoutException e) {
            throw kafka.unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while creating topics", e);
        }
    }
}
