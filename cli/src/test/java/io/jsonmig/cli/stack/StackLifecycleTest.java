package io.jsonmig.cli.stack;

import io.jsonmig.testing.TestFiles;
import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.database.PostgresUrl;
import io.jsonmig.cli.testing.IsolatedStack;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.EventType;
import io.jsonmig.events.Topics;
import io.jsonmig.events.payload.MigrationRequested;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack's whole life on real parts: a detached Kafka broker, real PostgreSQL databases, and
 * four {@link io.jsonmig.cli.testing.FakeService} jars in place of the services.
 */
@QuarkusMainTest
@TestProfile(IsolatedStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackLifecycleTest {

    private static final PostgresResource.TestDatabases POSTGRES = new PostgresResource.TestDatabases();
    private static final String DEMO_MARKER = "jsonmig demo target: dropped and recreated by ./jsonmig demo";

    private static final List<String> COMPONENTS = Stream.concat(Stream.of("kafka"), IsolatedStack.SERVICES.stream())
            .toList();

    @AfterAll
    static void cleanUp() throws IOException {
        for (String component : COMPONENTS) {
            pidOf(component).flatMap(ProcessHandle::of).filter(StackLifecycleTest::isOurs)
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
        for (String purpose : List.of("ledger", "local", "demo")) {
            POSTGRES.drop(IsolatedStack.database(purpose));
        }
        TestFiles.deleteTree(IsolatedStack.home());
    }

    @Test
    @Order(1)
    void beforeTheStackIsUpNothingRunsAndKafkaCannotBeReached(QuarkusMainLauncher launcher) {
        LaunchResult status = launcher.launch("stack", "status");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(status.getOutput().lines().filter(l -> l.contains(" stopped "))).hasSize(5);

        LaunchResult watch = launcher.launch("watch", "mig-20261125-153600-7f3a");
        assertThat(watch.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(watch.getErrorOutput()).contains("cannot reach Kafka at 127.0.0.1:" + IsolatedStack.port("kafka"));

        LaunchResult start = launcher.launch("start", "--source", "../examples/blog", "--schema", "../examples/blog/schema");
        assertThat(start.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(start.getOutput()).isEmpty();
        assertThat(start.getErrorOutput()).contains("cannot reach Kafka");
    }

    @Test
    @Order(2)
    void upStartsTheBrokerTheDatabasesAndEachServiceInASessionOfItsOwn(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult result = launcher.launch("stack", "up");

        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput())
                .contains("database " + IsolatedStack.database("ledger") + " created")
                .contains("database " + IsolatedStack.database("local") + " created")
                .contains("created " + Topics.ALL.size() + " with 2 partition(s)");
        long mySession = sessionOf(ProcessHandle.current().pid());
        for (String component : COMPONENTS) {
            long pid = pidOf(component).orElseThrow(() -> new AssertionError("no pid file for " + component));
            assertThat(ProcessHandle.of(pid)).as(component).hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());
            assertThat(sessionOf(pid)).as("session of " + component).isEqualTo(pid).isNotEqualTo(mySession);
            assertThat(result.getOutput()).containsPattern(component + "\\s+" + pid + "\\s+ready");
            if (!component.equals("kafka")) {
                assertThat(Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' '))
                        .as("command line of " + component).contains("-Dquarkus.http.host=127.0.0.1 ");
            }
        }
        for (String service : IsolatedStack.SERVICES) {
            assertThat(LocalKafkaBroker.accepts(IsolatedStack.port(service))).as(service).isTrue();
            assertThat(Files.readString(IsolatedStack.stackDir().resolve("logs/" + service + ".log")))
                    .contains("jsonmig stack up: " + service + " on port " + IsolatedStack.port(service));
        }
        assertThat(databaseExists(IsolatedStack.database("ledger"))).isTrue();
        assertThat(databaseExists(IsolatedStack.database("local"))).isTrue();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(Topics.MIGRATION_REQUESTED,
                    Topics.PROGRESS, Topics.DEAD_LETTERS)).allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(t -> assertThat(t.partitions()).hasSize(2));
        }
    }

    @Test
    @Order(3)
    void theServicesGetTheStacksEnvironment() throws IOException {
        Properties env = new Properties();
        try (InputStream in = Files.newInputStream(
                IsolatedStack.serviceJar("migration-service").resolveSibling("env.properties"))) {
            env.load(in);
        }
        Path snapshots = IsolatedStack.stackDir().resolve("snapshots");
        assertThat(env).containsEntry("JSONMIG_KAFKA_BOOTSTRAP", bootstrap())
                .containsEntry("JSONMIG_DB_URL", IsolatedStack.databaseUrl("ledger"))
                .containsEntry("JSONMIG_DB_USER", POSTGRES.user())
                .containsEntry("JSONMIG_SNAPSHOT_ROOT", snapshots.toString())
                .containsEntry("JSONMIG_TARGET_LOCAL_URL", IsolatedStack.databaseUrl("local"))
                .containsEntry("JSONMIG_TARGET_DEMO_URL", IsolatedStack.databaseUrl("demo"))
                .containsEntry("JSONMIG_VERIFICATION_PUBLIC_URL",
                        "http://127.0.0.1:" + IsolatedStack.port("verification-service"));
        if (POSTGRES.password().isEmpty()) {
            assertThat(env).doesNotContainKey("JSONMIG_DB_PASSWORD");
        } else {
            assertThat(env).containsEntry("JSONMIG_DB_PASSWORD", POSTGRES.password());
        }
        assertThat(env.getProperty("JSONMIG_ALLOWED_ROOTS").split(",")).containsExactly(
                IsolatedStack.home().toString(), System.getProperty("user.home"), IsolatedStack.stackDir().toString(),
                snapshots.toString());
    }

    @Test
    @Order(4)
    void upAgainReusesWhatRunsAndStatusSaysItIsReady(QuarkusMainLauncher launcher) {
        List<Long> pids = COMPONENTS.stream().map(c -> pidOf(c).orElseThrow()).toList();

        LaunchResult again = launcher.launch("stack", "up");

        assertThat(again.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(again.getOutput()).contains("database " + IsolatedStack.database("ledger") + " present")
                .contains(Topics.ALL.size() + " jsonmig topics present");
        for (int i = 0; i < COMPONENTS.size(); i++) {
            assertThat(again.getOutput()).contains(COMPONENTS.get(i) + " ").contains("already running (pid " + pids.get(i) + ")");
            assertThat(pidOf(COMPONENTS.get(i))).contains(pids.get(i));
        }
        LaunchResult status = launcher.launch("stack", "status");
        assertThat(status.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(status.getOutput().lines().filter(l -> l.matches("\\S+\\s+\\d+\\s+ready\\s+.*"))).hasSize(5);
    }

    @Test
    @Order(5)
    void demoRefusesToDropADatabaseItDidNotCreate(QuarkusMainLauncher launcher) throws Exception {
        String demoDatabase = IsolatedStack.database("demo");
        POSTGRES.drop(demoDatabase);
        try (Connection c = POSTGRES.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + demoDatabase);
            s.execute("COMMENT ON DATABASE " + demoDatabase + " IS 'somebody else''s data'");
        }
        try (Connection c = POSTGRES.connect(demoDatabase); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE precious (id int)");
        }

        LaunchResult result = launcher.launch("demo", "--timeout", "3s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getErrorOutput()).contains("jsonmig demo: database '" + demoDatabase + "'")
                .contains("is not jsonmig's demo database")
                .contains("COMMENT ON DATABASE " + demoDatabase + " IS '" + DEMO_MARKER + "'");
        assertThat(result.getOutput()).doesNotContain("Started run").doesNotContain("== 1. Local stack");
        try (Connection c = POSTGRES.connect(demoDatabase); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'precious'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("the refused database is untouched").isOne();
        }
    }

    @Test
    @Order(6)
    void demoRecreatesItsDatabaseAndStartsARunOnTheBlogExample(QuarkusMainLauncher launcher) throws Exception {
        String demoDatabase = IsolatedStack.database("demo");
        POSTGRES.drop(demoDatabase);
        try (Connection c = POSTGRES.connect("postgres"); Statement s = c.createStatement()) {
            // as a previous demo left it
            s.execute("CREATE DATABASE " + demoDatabase);
            s.execute("COMMENT ON DATABASE " + demoDatabase + " IS '" + DEMO_MARKER + "'");
        }
        try (Connection c = POSTGRES.connect(demoDatabase); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE left_over (id int)");
        }

        // the fake services never process the run: the demo reports a timeout after starting it
        LaunchResult result = launcher.launch("demo", "--timeout", "3s");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
        String id = result.getOutput().lines().filter(l -> l.startsWith("Started run ")).findFirst()
                .orElseThrow(() -> new AssertionError(result.getOutput())).split(" ")[2].replace(":", "");
        assertThat(result.getOutput())
                .contains("Dropped and recreated database " + demoDatabase + " (target profile 'demo'")
                .contains("run/migration.requested")
                .contains("status page   http://127.0.0.1:" + IsolatedStack.port("notification-service")
                        + "/status/" + id)
                .contains("timeline      http://127.0.0.1:" + IsolatedStack.port("notification-service")
                        + "/migrations/" + id)
                .contains("report        http://127.0.0.1:" + IsolatedStack.port("verification-service")
                        + "/verifications/" + id)
                .contains("logs          " + IsolatedStack.stackDir().resolve("logs"))
                .contains(psqlCommand(demoDatabase));
        try (Connection c = POSTGRES.connect(demoDatabase); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("tables left in the recreated demo database").isZero();
        }
        try (Connection c = POSTGRES.connect("postgres");
             var q = c.prepareStatement("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            q.setString(1, demoDatabase);
            try (ResultSet rs = q.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).as("marker of the recreated demo database").isEqualTo(DEMO_MARKER);
            }
        }
        try (EventProbe probe = new EventProbe(bootstrap())) {
            EventEnvelope request = probe.await(id, EventType.MIGRATION_REQUESTED, Duration.ofSeconds(30));
            RunSpec spec = request.payloadAs(MigrationRequested.class).spec();
            Path blog = Path.of("../examples/blog").toRealPath();
            assertThat(spec.sourceDir()).isEqualTo(blog.resolve("data").toString());
            assertThat(spec.schemaDir()).isEqualTo(blog.resolve("schema").toString());
            assertThat(spec.mappingFile()).isEqualTo(blog.resolve("mapping.json").toString());
            assertThat(spec.targetProfile()).isEqualTo("demo");
        }
    }

    @Test
    @Order(7)
    void downStopsEveryProcessAndRemovesThePidFiles(QuarkusMainLauncher launcher) {
        List<ProcessHandle> running = COMPONENTS.stream().map(c -> ProcessHandle.of(pidOf(c).orElseThrow()).orElseThrow())
                .toList();

        LaunchResult result = launcher.launch("stack", "down");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        for (int i = 0; i < COMPONENTS.size(); i++) {
            assertThat(running.get(i).isAlive()).as(COMPONENTS.get(i)).isFalse();
            assertThat(result.getOutput()).containsPattern(COMPONENTS.get(i) + "\\s+stopped \\(pid "
                    + running.get(i).pid() + ", SIGTERM\\)");
            assertThat(IsolatedStack.stackDir().resolve("pids/" + COMPONENTS.get(i) + ".pid")).doesNotExist();
        }
        assertThat(LocalKafkaBroker.accepts(IsolatedStack.port("kafka"))).isFalse();
    }

    @Test
    @Order(8)
    void downAgainIsHarmless(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("stack", "down");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput().lines().filter(l -> l.endsWith("not running"))).hasSize(5);
    }

    /** The psql command the demo prints, for the test server's host, port and user (127.0.0.1, 5432, postgres by default). */
    private static String psqlCommand(String database) {
        PostgresUrl url = PostgresUrl.parse("test", IsolatedStack.databaseUrl("demo"));
        return "psql -h " + url.host() + (url.port() == 5432 ? "" : " -p " + url.port()) + " -U " + POSTGRES.user()
                + " -d " + database + " -c 'select count(*) from users'";
    }

    private static String bootstrap() {
        return "127.0.0.1:" + IsolatedStack.port("kafka");
    }

    private static Optional<Long> pidOf(String component) {
        Path pidFile = IsolatedStack.stackDir().resolve("pids/" + component + ".pid");
        try {
            return Files.exists(pidFile) ? Optional.of(Long.parseLong(Files.readString(pidFile).trim()))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isOurs(ProcessHandle process) {
        return process.info().commandLine().map(c -> c.contains(IsolatedStack.home().toString())).orElse(false);
    }

    private static boolean databaseExists(String name) throws SQLException {
        try (Connection c = POSTGRES.connect("postgres");
             var q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Field 6 of /proc/<pid>/stat, counted after the parenthesised command name. */
    private static long sessionOf(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]);
    }
}
