package io.jsonmig.cli.start;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.Topics;
import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.testing.EventProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusMainTest
@WithTestResource(KafkaBrokerResource.class)
class StartCommandTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path EXAMPLE = Path.of("../examples/blog");

    private static EventProbe probe;

    @BeforeAll
    static void connect() {
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @Test
    void publishesTheRequestWithAbsoluteRealPathsAndPrintsOnlyTheId(QuarkusMainLauncher launcher) throws Exception {
        Path linkDir = Files.createTempDirectory("jsonmig-cli-start-");
        Path linkToExample = Files.createSymbolicLink(linkDir.resolve("blog-link"), EXAMPLE.toAbsolutePath());

        LaunchResult result = launcher.launch("start", "--source", "../examples/blog",
                "--schema", linkToExample.resolve("schema").toString(), "--mapping", "../examples/blog/mapping.json",
                "--target", "staging");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        String id = result.getOutput();
        assertThat(MigrationIds.isValid(id)).as("stdout holds the id alone: %s", id).isTrue();
        assertThat(result.getErrorOutput()).contains("jsonmig watch " + id);

        EventEnvelope event = probe.await(id, EventType.MIGRATION_REQUESTED, TIMEOUT);
        Path example = EXAMPLE.toRealPath();
        RunSpec spec = event.payloadAs(MigrationRequested.class).spec();
        assertThat(spec.sourceDir()).isEqualTo(example.toString());
        assertThat(spec.schemaDir()).isEqualTo(example.resolve("schema").toString());
        assertThat(spec.mappingFile()).isEqualTo(example.resolve("mapping.json").toString());
        assertThat(spec.targetProfile()).isEqualTo("staging");
        assertThat(spec.requestedBy()).isEqualTo(System.getProperty("user.name"));
        assertThat(event.producer()).isEqualTo("jsonmig-cli");
        assertThat(event.attempt()).isEqualTo(1);
        assertThat(event.eventId()).isEqualTo(EventEnvelope.deterministicId(id, EventType.MIGRATION_REQUESTED, 1, ""));
        Files.delete(linkToExample);
        Files.delete(linkDir);
    }

    @Test
    void theRecordIsKeyedByTheIdAndCarriesCloudEventsHeaders(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("start", "--source", "../examples/blog", "--schema",
                "../examples/blog/schema");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        String id = result.getOutput().strip();

        ConsumerRecord<String, byte[]> record = recordOf(id);

        assertThat(record.key()).isEqualTo(id);
        Map<String, String> headers = new HashMap<>();
        for (Header h : record.headers()) {
            headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
        }
        EventEnvelope event = probe.await(id, EventType.MIGRATION_REQUESTED, TIMEOUT);
        assertThat(headers).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_id", event.eventId())
                .containsEntry("ce_type", "io.jsonmig.migration.requested")
                .containsEntry("ce_source", "urn:jsonmig:jsonmig-cli")
                .containsEntry("ce_subject", id);
        assertThat(Instant.parse(headers.get("ce_time"))).isEqualTo(event.occurredAt());
        assertThat(headers).as("no JSONMIG_OTEL_ENDPOINT here: the run is not traced").doesNotContainKey("traceparent");
        assertThat(event.payloadAs(MigrationRequested.class).spec().targetProfile()).isEqualTo("local");
        assertThat(event.payloadAs(MigrationRequested.class).spec().mappingFile()).isNull();
    }

    @Test
    void withRemotePathsThePathsAreSentAsGivenWithoutLookingForThemHere(QuarkusMainLauncher launcher) {
        // the services run in containers that see the application's directory at /data/app
        LaunchResult result = launcher.launch("start", "--remote-paths", "--source", "/data/app/data",
                "--schema", "/data/app/schema", "--mapping", "/data/app/./mapping.json", "--target", "compose");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(ExitCodes.OK);
        String id = result.getOutput().strip();
        RunSpec spec = probe.await(id, EventType.MIGRATION_REQUESTED, TIMEOUT).payloadAs(MigrationRequested.class).spec();
        assertThat(spec.sourceDir()).isEqualTo("/data/app/data");
        assertThat(spec.schemaDir()).isEqualTo("/data/app/schema");
        assertThat(spec.mappingFile()).isEqualTo("/data/app/./mapping.json");
        assertThat(spec.targetProfile()).isEqualTo("compose");
    }

    @Test
    void eachFileGoesIntoTheSpecRelativeToTheSource(QuarkusMainLauncher launcher) throws Exception {
        Path source = Files.createTempDirectory("jsonmig-cli-files-");
        Files.createDirectories(source.resolve("shop"));
        Files.writeString(source.resolve("users.json"), "[]");
        Files.writeString(source.resolve("shop/orders.json"), "[]");
        Files.writeString(source.resolve("settings.json"), "{}");

        LaunchResult result = launcher.launch("start", "--source", source.toString(), "--schema",
                "../examples/blog/schema", "--file", "users.json", "--file", "./shop/orders.json");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(ExitCodes.OK);
        String id = result.getOutput().strip();
        RunSpec spec = probe.await(id, EventType.MIGRATION_REQUESTED, TIMEOUT).payloadAs(MigrationRequested.class).spec();
        assertThat(spec.sourceDir()).isEqualTo(source.toRealPath().toString());
        assertThat(spec.sourceFiles()).containsExactly("users.json", "shop/orders.json");
        assertThat(result.getErrorOutput()).contains("(files users.json, shop/orders.json)");
        assertThat(recordOf(id).value()).asString(StandardCharsets.UTF_8)
                .contains("\"sourceFiles\":[\"users.json\",\"shop/orders.json\"]");
    }

    @Test
    void aMaintenanceWindowTravelsInTheSpec(QuarkusMainLauncher launcher) {
        Instant opens = Instant.now().plus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String withOffset = opens.atOffset(java.time.ZoneOffset.ofHours(2)).toString();

        LaunchResult result = launcher.launch("start", "--source", "../examples/blog/data", "--schema",
                "../examples/blog/schema", "--scheduled-at", withOffset, "--expected-downtime", "1h30m");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(ExitCodes.OK);
        RunSpec spec = probe.await(result.getOutput().strip(), EventType.MIGRATION_REQUESTED, TIMEOUT)
                .payloadAs(MigrationRequested.class).spec();
        assertThat(spec.maintenanceWindow().scheduledAt()).isEqualTo(opens);
        assertThat(spec.maintenanceWindow().expectedDowntime()).isEqualTo(Duration.ofMinutes(90));
        assertThat(result.getErrorOutput()).contains("It waits for its maintenance window: " + opens
                + ", expected downtime 1h30m00s");
    }

    @Test
    void aRejectThresholdTravelsInTheSpecAndAnImpossibleOneIsRefused(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("start", "--source", "../examples/blog/data", "--schema",
                "../examples/blog/schema", "--max-rejects", "10", "--max-reject-ratio", "0.01");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(ExitCodes.OK);
        RunSpec spec = probe.await(result.getOutput().strip(), EventType.MIGRATION_REQUESTED, TIMEOUT)
                .payloadAs(MigrationRequested.class).spec();
        assertThat(spec.rejectThreshold()).isEqualTo(new RejectThreshold(10L, 0.01));

        LaunchResult refused = launcher.launch("start", "--source", "../examples/blog/data", "--schema",
                "../examples/blog/schema", "--max-reject-ratio", "1.5");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.getErrorOutput()).contains("--max-reject-ratio 1.5 is not between 0 and 1");
        assertThat(refused.getOutput()).isBlank();
    }

    @Test
    void withoutFilesTheSpecTakesEveryFile(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("start", "--source", "../examples/blog/data", "--schema",
                "../examples/blog/schema");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        RunSpec spec = probe.await(result.getOutput().strip(), EventType.MIGRATION_REQUESTED, TIMEOUT)
                .payloadAs(MigrationRequested.class).spec();
        assertThat(spec.sourceFiles()).isEmpty();
    }

    @Test
    void aRunFileGivesEverySettingOfTheRequest(QuarkusMainLauncher launcher) throws Exception {
        Path app = blogCopy();
        Path ops = Files.createDirectories(app.resolve("ops"));
        Instant opens = Instant.now().plus(Duration.ofHours(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Path runFile = Files.writeString(ops.resolve("migration.yaml"), """
                version: 1
                source:
                  dir: ../data
                  files: [db.json]
                  layout: db-json
                schema: ../schema
                mapping: ../mapping.yaml
                target: staging
                reject:
                  maxCount: 5
                  maxRatio: 0.02
                append: true
                maintenanceWindow:
                  scheduledAt: %s
                  expectedDowntime: 1h30m
                smokeChecks:
                  - name: users-loaded
                    sql: select count(*) from users
                    expected: "40"
                  - name: health
                    url: http://app.internal:8080/health
                    expectedStatus: 204
                notify:
                  stakeholders: [cto@example.com, pm@example.com]
                  operators: [oncall@example.com]
                dryRun: true
                remotePaths: false
                """.formatted(opens.atOffset(java.time.ZoneOffset.ofHours(1))));

        LaunchResult result = launcher.launch("start", "-f", runFile.toString());

        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(ExitCodes.OK);
        String id = result.getOutput().strip();
        RunSpec spec = probe.await(id, EventType.MIGRATION_REQUESTED, TIMEOUT).payloadAs(MigrationRequested.class).spec();
        Path real = app.toRealPath();
        assertThat(spec).isEqualTo(new RunSpec(real.resolve("data").toString(), real.resolve("schema").toString(),
                real.resolve("mapping.yaml").toString(), "staging", System.getProperty("user.name"),
                List.of("db.json"), new MaintenanceWindow(opens, Duration.ofMinutes(90)),
                new RejectThreshold(5L, 0.02), true, "db-json",
                List.of(SmokeCheck.sql("users-loaded", "select count(*) from users", "40"),
                        SmokeCheck.http("health", "http://app.internal:8080/health", 204)),
                Map.of("stakeholders", List.of("cto@example.com", "pm@example.com"),
                        "operators", List.of("oncall@example.com")), true));
        assertThat(result.getErrorOutput()).contains("dry run: rehearsal into a throwaway schema, no cut-over")
                .contains(DryRuns.schemaFor(id));
    }

    @Test
    void flagsWinOverTheRunFile(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("start", "-f", "../examples/blog/migration.yaml", "--target", "production",
                "--smoke-check", "users-loaded=sql:select count(*) from users where id > 0=40", "--dry-run",
                "--verbose");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(ExitCodes.OK);
        RunSpec spec = probe.await(result.getOutput().strip(), EventType.MIGRATION_REQUESTED, TIMEOUT)
                .payloadAs(MigrationRequested.class).spec();
        assertThat(spec.targetProfile()).isEqualTo("production");
        assertThat(spec.dryRun()).isTrue();
        assertThat(spec.smokeChecks()).extracting(SmokeCheck::name, SmokeCheck::sql).containsExactly(
                org.assertj.core.groups.Tuple.tuple("users-loaded", "select count(*) from users where id > 0"),
                org.assertj.core.groups.Tuple.tuple("posts-have-authors", "select count(*) from posts p left join "
                        + "users u on u.id = p.user_id where u.id is null"));
        assertThat(spec.mappingFile()).isEqualTo(EXAMPLE.toRealPath().resolve("mapping.yaml").toString());
        assertThat(result.getErrorOutput())
                .containsPattern("target +production +\\(--target\\)")
                .containsPattern("mapping +mapping.yaml +\\(\\.\\./examples/blog/migration.yaml:10:1\\)")
                .contains("dry run: rehearsal into a throwaway schema, no cut-over");
    }

    @Test
    void anInvalidRunFileExitsOneWithEveryProblemAndPublishesNothing(QuarkusMainLauncher launcher) throws Exception {
        Path app = blogCopy();
        Path runFile = Files.writeString(app.resolve("migration.yaml"), """
                version: 1
                source: data
                schemas: schema
                reject:
                  maxRatio: 1.5
                smokeChecks:
                  - name: users
                    sql: select count(*) from users
                notify:
                  stakeholders: [bob]
                """);

        LaunchResult result = launcher.launch("start", "-f", runFile.toString(), "--layout", "db.json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getOutput()).isBlank();
        assertThat(result.getErrorOutput())
                .contains(runFile + ":3:1: schemas: unknown key; did you mean 'schema'?")
                .contains(runFile + ":7:5: smokeChecks[0].expected: missing")
                .contains(runFile + ":10:18: notify.stakeholders[0]: 'bob' is not an e-mail address")
                .contains(runFile + ": schema: missing: give the schema directory in the run file or as --schema")
                .contains(runFile + ":5:3: reject.maxRatio: 1.5 is not between 0 and 1")
                .contains("--layout 'db.json' is not a source layout")
                .contains("Try 'jsonmig start --help'");
        assertThat(requestsMentioning(app.toRealPath().toString())).isEmpty();
    }

    /** A copy of the blog example of our own, so that its path names only this test's runs. */
    private static Path blogCopy() throws Exception {
        Path app = Files.createTempDirectory("jsonmig-cli-run-file-");
        Files.createDirectories(app.resolve("data"));
        Files.copy(EXAMPLE.resolve("data/db.json"), app.resolve("data/db.json"));
        Files.createDirectories(app.resolve("schema"));
        try (var scripts = Files.list(EXAMPLE.resolve("schema"))) {
            for (Path script : scripts.toList()) {
                Files.copy(script, app.resolve("schema").resolve(script.getFileName()));
            }
        }
        Files.copy(EXAMPLE.resolve("mapping.yaml"), app.resolve("mapping.yaml"));
        return app;
    }

    /** Every migration.requested on the broker now whose record mentions {@code text}. */
    private static List<String> requestsMentioning(String text) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MIGRATION_REQUESTED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<String> found = new ArrayList<>();
            await().atMost(TIMEOUT).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    String value = new String(r.value(), StandardCharsets.UTF_8);
                    if (value.contains(text)) {
                        found.add(value);
                    }
                });
                return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
            });
            return found;
        }
    }

    private static ConsumerRecord<String, byte[]> recordOf(String id) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MIGRATION_REQUESTED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
            await().atMost(TIMEOUT).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (id.equals(r.key())) {
                        found.add(r);
                    }
                });
                return !found.isEmpty();
            });
            assertThat(found).hasSize(1);
            return found.get(0);
        }
    }
}
