package io.jsonmig.verification;

import com.sun.net.httpserver.HttpServer;
import io.jsonmig.events.EventType;
import io.jsonmig.events.payload.RollbackRequested;
import io.jsonmig.events.payload.RollbackTrigger;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.events.payload.VerificationFailed;
import io.jsonmig.events.payload.VerificationPassed;
import io.jsonmig.support.target.TargetProfiles;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;
import io.jsonmig.testing.PostgresResource;
import io.jsonmig.testing.TestFiles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run's own smoke checks ({@code RunSpec.smokeChecks}), run after the configured one against the run's
 * target (real PostgreSQL) and a real HTTP server on 127.0.0.1, reported as the run's, and rolling the run
 * back when one fails.
 */
@QuarkusTest
@WithTestResource(KafkaBrokerResource.class)
@WithTestResource(PostgresResource.class)
class RunSmokeChecksTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** A token in a URL's query string: it must show nowhere but in the request itself. */
    private static final String TOKEN = "s3cret-token-4d1f";

    @RegisterExtension
    static final EventProbe probe = EventProbe.onTestBroker();

    private static final Queue<String> readyQueries = new ConcurrentLinkedQueue<>();
    private static final Queue<String> logLines = new ConcurrentLinkedQueue<>();
    private static final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static HttpServer application;
    private static Path workDir;
    private static VerificationEvents events;

    @Inject
    TargetProfiles targets;

    @BeforeAll
    static void start() throws IOException {
        Logger.getLogger("").addHandler(logCapture);
        application = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        application.createContext("/ready", exchange -> {
            readyQueries.add(String.valueOf(exchange.getRequestURI().getRawQuery()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        application.createContext("/unavailable", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        application.start();
        workDir = Files.createTempDirectory("jsonmig-verification-run-smoke-").toRealPath();
        events = new VerificationEvents(workDir);
    }

    @AfterAll
    static void stop() {
        application.stop(0);
        Logger.getLogger("").removeHandler(logCapture);
        TestFiles.deleteTree(workDir);
    }

    @Test
    void theRunsPassingSqlAndUrlChecksAppearInTheReportAsItsOwnBesideTheConfiguredOne() throws Exception {
        BlogTarget.prepare(targets.resolve("test"), "run_smoke_pass");
        String id = probe.publish(events.dataMigrated("run_smoke_pass", List.of(
                SmokeCheck.sql("posts-have-authors",
                        "SELECT count(*) FROM run_smoke_pass.posts WHERE user_id IS NULL", "0"),
                // the name of a configured check: both run, each reported as whose it is
                SmokeCheck.sql("no-smoke-trap", "SELECT count(*) FROM run_smoke_pass.users", "40"),
                SmokeCheck.http("app-ready", url("/ready?token=" + TOKEN), null)))).migrationId();

        VerificationPassed passed = probe.await(id, EventType.VERIFICATION_PASSED, TIMEOUT)
                .payloadAs(VerificationPassed.class);
        assertThat(passed.reportLocation()).endsWith("/verifications/" + id);
        JsonPath report = given().get("/verifications/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(report.getString("summary")).endsWith("; 4 smoke check(s) passed");
        assertThat(report.getList("smokeChecks.name")).containsExactly("no-smoke-trap", "posts-have-authors",
                "no-smoke-trap", "app-ready");
        assertThat(report.getList("smokeChecks.source")).containsExactly("configured", "run", "run", "run");
        assertThat(report.getList("smokeChecks.kind")).containsExactly("sql", "sql", "sql", "http");
        assertThat(report.getList("smokeChecks.actual")).containsExactly("0", "0", "40", "200");
        assertThat(report.getList("smokeChecks.passed")).containsOnly(true);
        assertThat(report.getString("smokeChecks[3].target")).isEqualTo(url("/ready?…"));
        assertThat(readyQueries).as("the application was asked with the run's URL").contains("token=" + TOKEN);

        String page = given().get("/verifications/{id}.html", id).then().statusCode(200).extract().asString();
        assertThat(page).contains("<td>posts-have-authors</td><td>the run</td>")
                .contains("<td>no-smoke-trap</td><td>configuration</td>");
        assertThat(report.prettify()).doesNotContain(TOKEN);
        assertThat(page).doesNotContain(TOKEN);
        assertThat(logLines).noneMatch(line -> String.valueOf(line).contains(TOKEN));
    }

    @Test
    void aFailingCheckOfTheRunRollsItBackNamingIt() throws Exception {
        BlogTarget.prepare(targets.resolve("test"), "run_smoke_fail");
        String id = probe.publish(events.dataMigrated("run_smoke_fail", List.of(
                SmokeCheck.sql("forty-one-users", "SELECT count(*) FROM run_smoke_fail.users", "41"),
                SmokeCheck.http("app-ready", url("/unavailable?token=" + TOKEN), 200)))).migrationId();

        VerificationFailed failed = probe.await(id, EventType.VERIFICATION_FAILED, TIMEOUT)
                .payloadAs(VerificationFailed.class);
        String expected = "2 problem(s): smoke check forty-one-users of the run: expected 41, the query returned 40; "
                + "smoke check app-ready of the run: GET " + url("/unavailable?…") + " answered 503, expected 200";
        assertThat(failed.summary()).isEqualTo(expected);
        assertThat(failed.checks()).as("the data agree").allMatch(c -> c.passed());
        RollbackRequested rollback = probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT)
                .payloadAs(RollbackRequested.class);
        assertThat(rollback.trigger()).isEqualTo(RollbackTrigger.SMOKE_CHECK);
        assertThat(rollback.reason()).isEqualTo(expected);
        assertThat(probe.eventsOf(id)).noneMatch(e -> e.type() == EventType.VERIFICATION_PASSED);
        given().get("/verifications/{id}", id).then().statusCode(200)
                .body("passed", org.hamcrest.Matchers.equalTo(false))
                .body("smokeChecks.find { it.name == 'app-ready' }.actual", org.hamcrest.Matchers.equalTo("503"));
        assertThat(logLines).noneMatch(line -> String.valueOf(line).contains(TOKEN));
    }

    @Test
    void aQueryThatTriesToWriteFailsReadOnlyAndWritesNothing() throws Exception {
        BlogTarget.prepare(targets.resolve("test"), "run_smoke_write");
        String id = probe.publish(events.dataMigrated("run_smoke_write", List.of(
                SmokeCheck.sql("update", "UPDATE run_smoke_write.users SET name = 'changed' RETURNING id", "1"),
                SmokeCheck.sql("delete-in-a-cte", "WITH gone AS (DELETE FROM run_smoke_write.comments RETURNING id) "
                        + "SELECT count(*) FROM gone", "0"),
                SmokeCheck.sql("commit-then-delete", "SELECT 1; COMMIT; DELETE FROM run_smoke_write.comments", "1"),
                SmokeCheck.sql("slow", "SELECT pg_sleep(30)", "")))).migrationId();

        VerificationFailed failed = probe.await(id, EventType.VERIFICATION_FAILED, TIMEOUT)
                .payloadAs(VerificationFailed.class);
        assertThat(failed.summary()).startsWith("4 problem(s): smoke check update of the run: the query tried to "
                        + "write, but smoke checks run in a read-only transaction: ERROR: cannot execute UPDATE in a "
                        + "read-only transaction; ")
                // PostgreSQL names the statement around a data-modifying WITH
                .contains("; smoke check delete-in-a-cte of the run: the query tried to write, but smoke checks run "
                        + "in a read-only transaction: ERROR: cannot execute SELECT in a read-only transaction; ")
                .contains("; smoke check commit-then-delete of the run: a smoke check is one query, this is 3 "
                        + "statements; ")
                .endsWith("; smoke check slow of the run: the query ran longer than the statement timeout of "
                        + "2000 ms");
        assertThat(probe.await(id, EventType.ROLLBACK_REQUESTED, TIMEOUT).payloadAs(RollbackRequested.class)
                .trigger()).isEqualTo(RollbackTrigger.SMOKE_CHECK);
        assertThat(count("run_smoke_write.comments")).as("nothing was deleted").isEqualTo(300);
        assertThat(count("run_smoke_write.users WHERE name = 'changed'")).as("nothing was updated").isZero();
    }

    private long count(String table) throws SQLException {
        try (Connection c = targets.resolve("test").connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static String url(String pathAndQuery) {
        return "http://127.0.0.1:" + application.getAddress().getPort() + pathAndQuery;
    }
}
