package io.jsonmig.cli.preflight;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.events.Topics;
import io.jsonmig.events.preflight.PreflightChecks;
import io.jsonmig.testing.KafkaBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code preflight} against the real test broker and real HTTP servers on 127.0.0.1 standing in for the
 * four services ({@link StandInServices}).
 */
@QuarkusMainTest
@TestProfile(PreflightCommandTest.StandIns.class)
@WithTestResource(KafkaBrokerResource.class)
class PreflightCommandTest {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Path EXAMPLE = Path.of("../examples/blog");
    static final Marks MARKS = Marks.forStdout();
    /** Kafka, topics, four readiness checks and every service check. */
    static final int ITEMS = 2 + 4 + PreflightChecks.BY_SERVICE.values().stream().mapToInt(List::size).sum();

    public static class StandIns implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return StandInServices.portConfig();
        }
    }

    @Test
    void everyCheckPassingPrintsTheChecklistInOrderAndExitsZero(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch(runArgs("local"));

        assertThat(result.exitCode()).as(result.getOutput()).isEqualTo(ExitCodes.OK);
        List<String> lines = result.getOutputStream();
        assertThat(lines).hasSize(ITEMS + 1);
        assertThat(lines.get(0)).isEqualTo(MARKS.passed() + " Kafka reachable at " + KafkaBrokerResource.bootstrapServers());
        assertThat(lines.get(1)).isEqualTo(MARKS.passed() + " topics present (" + Topics.ALL.size() + ")");
        int at = 2;
        for (String service : PreflightChecks.BY_SERVICE.keySet()) {
            assertThat(lines.get(at++)).isEqualTo(MARKS.passed() + " " + service + " healthy (http://127.0.0.1:"
                    + StandInServices.SERVERS.get(service).getAddress().getPort() + ")");
        }
        for (List<String> checks : PreflightChecks.BY_SERVICE.values()) {
            for (String check : checks) {
                assertThat(lines.get(at++)).isEqualTo(MARKS.passed() + " " + check + " " + MARKS.dash()
                        + " fine for local");
            }
        }
        assertThat(lines.get(at)).isEqualTo(ITEMS + " passed, 0 failed");
        // every service was asked about the run as start would publish it
        assertThat(StandInServices.LAST_SPEC).containsOnlyKeys(PreflightChecks.BY_SERVICE.keySet());
        assertThat(StandInServices.LAST_SPEC.values()).allSatisfy(spec -> {
            assertThat(spec.sourceDir()).isEqualTo(EXAMPLE.resolve("data").toRealPath().toString());
            assertThat(spec.mappingFile()).isEqualTo(EXAMPLE.resolve("mapping.json").toRealPath().toString());
            assertThat(spec.targetProfile()).isEqualTo("local");
        });
    }

    @Test
    void aRunFileDescribesTheRunTheServicesCheck(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("preflight", "-f", EXAMPLE.resolve("migration.yaml").toString());

        assertThat(result.exitCode()).as(result.getOutput()).isEqualTo(ExitCodes.OK);
        assertThat(StandInServices.LAST_SPEC.values()).allSatisfy(spec -> {
            assertThat(spec.sourceDir()).isEqualTo(EXAMPLE.resolve("data").toRealPath().toString());
            assertThat(spec.mappingFile()).isEqualTo(EXAMPLE.resolve("mapping.yaml").toRealPath().toString());
            assertThat(spec.layout()).isEqualTo("db-json");
            assertThat(spec.smokeChecks()).extracting(c -> c.name()).containsExactly("users-loaded",
                    "posts-have-authors");
        });
    }

    @Test
    void aFailingServiceCheckIsMarkedWithItsFixAndTheRunIsRefused(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch(runArgs(StandInServices.FAILING_PROFILE));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_FAILED);
        List<String> lines = result.getOutputStream();
        int failed = lines.indexOf(MARKS.failed() + " target-privileges " + MARKS.dash()
                + " user app may not CREATE in schema public of database app");
        assertThat(failed).as(String.join("\n", lines)).isPositive();
        assertThat(lines.get(failed + 1)).isEqualTo("    fix: " + StandInServices.PRIVILEGES_FIX);
        assertThat(lines).filteredOn(l -> l.startsWith(MARKS.failed() + " ")).hasSize(1);
        assertThat(lines.get(lines.size() - 1)).isEqualTo((ITEMS - 1) + " passed, 1 failed");
    }

    @Test
    void aServiceThatDoesNotAnswerFailsItsOwnChecksAsNotCheckedAndTheRestIsReported(QuarkusMainLauncher launcher)
            throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of(runArgs("local")));
        args.addAll(List.of("--service-url", "verification-service=http://127.0.0.1:" + closed));

        LaunchResult result = launcher.launch(args.toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_FAILED);
        List<String> lines = result.getOutputStream();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(MARKS.failed() + " verification-service healthy "
                + "(http://127.0.0.1:" + closed + ") " + MARKS.dash() + " no answer at http://127.0.0.1:" + closed));
        assertThat(lines).contains("    fix: start it with 'jsonmig stack up', or give its address with --service-url "
                + "verification-service=URL");
        for (String check : PreflightChecks.BY_SERVICE.get("verification-service")) {
            assertThat(lines).contains(MARKS.failed() + " " + check + " " + MARKS.dash()
                    + " not checked: verification-service did not answer");
        }
        int failures = 1 + PreflightChecks.BY_SERVICE.get("verification-service").size();
        assertThat(lines).filteredOn(l -> l.startsWith(MARKS.failed() + " ")).hasSize(failures);
        assertThat(lines).contains(MARKS.passed() + " mapping-complete " + MARKS.dash() + " fine for local",
                MARKS.passed() + " recipients " + MARKS.dash() + " fine for local");
        assertThat(lines.get(lines.size() - 1)).isEqualTo((ITEMS - failures) + " passed, " + failures + " failed");
    }

    @Test
    void aMissingTopicIsNamedWithTheCommandThatCreatesIt(QuarkusMainLauncher launcher) throws Exception {
        String topic = Topics.DEAD_LETTERS;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers()))) {
            admin.deleteTopics(Set.of(topic)).all().get(30, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(topic));
            try {
                LaunchResult result = launcher.launch(runArgs("local"));

                assertThat(result.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_FAILED);
                assertThat(result.getOutputStream()).containsSequence(
                        MARKS.failed() + " topics present (" + (Topics.ALL.size() - 1) + " of " + Topics.ALL.size() + ") "
                                + MARKS.dash() + " missing: " + topic,
                        "    fix: create them with 'jsonmig stack up' (it creates only the missing ones)");
                assertThat(result.getOutputStream()).filteredOn(l -> l.startsWith(MARKS.failed() + " ")).hasSize(1);
            } finally {
                // a topic being deleted cannot be created again at once
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                        KafkaBrokerResource.createTopics(KafkaBrokerResource.bootstrapServers()));
            }
        }
    }

    @Test
    void jsonPrintsOneDocumentWithEveryCheckAndNothingElse(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch(withJson(runArgs(StandInServices.FAILING_PROFILE)));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.PREFLIGHT_FAILED);
        assertThat(result.getOutput()).as("stdout holds the document alone").startsWith("{").endsWith("}");
        JsonNode document = JSON.readTree(result.getOutput());
        assertThat(document.get("passed").asBoolean()).isFalse();
        assertThat(document.get("passedCount").asInt()).isEqualTo(ITEMS - 1);
        assertThat(document.get("failedCount").asInt()).isEqualTo(1);
        JsonNode checks = document.get("checks");
        assertThat(checks).hasSize(ITEMS);
        assertThat(checks.get(0).get("service").asText()).isEqualTo("kafka");
        assertThat(checks.get(0).get("name").asText()).isEqualTo("kafka-reachable");
        assertThat(checks.get(2).get("service").asText()).isEqualTo("backup-service");
        assertThat(checks.get(2).get("name").asText()).isEqualTo("healthy");
        JsonNode failed = null;
        for (JsonNode check : checks) {
            assertThat(check.has("service") && check.has("name") && check.has("passed") && check.has("detail")
                    && check.has("fix")).as(check.toString()).isTrue();
            assertThat(check.has("headline")).isFalse();
            if (!check.get("passed").asBoolean()) {
                failed = check;
            }
        }
        assertThat(failed).isNotNull();
        assertThat(failed.get("service").asText()).isEqualTo("migration-service");
        assertThat(failed.get("name").asText()).isEqualTo("target-privileges");
        assertThat(failed.get("fix").asText()).isEqualTo(StandInServices.PRIVILEGES_FIX);
    }

    @Test
    void anUnknownServiceInServiceUrlIsRefused(QuarkusMainLauncher launcher) {
        List<String> args = new ArrayList<>(List.of(runArgs("local")));
        args.addAll(List.of("--service-url", "billing-service=http://127.0.0.1:1"));

        LaunchResult result = launcher.launch(args.toArray(String[]::new));

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getErrorOutput()).contains("no service billing-service", "migration-service");
    }

    @Test
    void helpShowsAnExampleAndTheExitCodes(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("preflight", "--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput()).contains("jsonmig preflight --source data", "--json", "--service-url",
                "Exit codes: 0 every check passed; 8 at least one failed");
    }

    static String[] runArgs(String profile) {
        return new String[]{"preflight", "--source", EXAMPLE.resolve("data").toString(), "--schema",
                EXAMPLE.resolve("schema").toString(), "--mapping", EXAMPLE.resolve("mapping.json").toString(),
                "--target", profile};
    }

    private static String[] withJson(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        return all.toArray(String[]::new);
    }
}
