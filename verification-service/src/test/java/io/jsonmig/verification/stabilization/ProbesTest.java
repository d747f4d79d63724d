package io.jsonmig.verification.stabilization;

import com.sun.net.httpserver.HttpServer;
import io.jsonmig.events.payload.ProbeResult;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.support.target.TargetDatabase;
import io.jsonmig.testing.PostgresResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** One probe against a real HTTP server on 127.0.0.1 and the real PostgreSQL server. */
class ProbesTest {

    private static final Probes probes = new Probes();
    private static final Queue<String> methods = new ConcurrentLinkedQueue<>();
    private static final CountDownLatch release = new CountDownLatch(1);
    private static HttpServer application;

    @BeforeAll
    static void start() throws IOException {
        application = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        application.setExecutor(Executors.newCachedThreadPool());
        application.createContext("/health", exchange -> {
            methods.add(exchange.getRequestMethod());
            byte[] body = "{\"status\":\"degraded\"}".getBytes(StandardCharsets.UTF_8);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(200, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        application.createContext("/hangs", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        application.start();
    }

    @AfterAll
    static void stop() {
        release.countDown();
        application.stop(0);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + application.getAddress().getPort() + path + "?token=t0ken";
    }

    @Test
    void aUrlProbeUsesItsMethodAndLooksForItsTextInTheBody() {
        ProbeResult head = probes.run(SmokeCheck.http("head", url("/health"), 200).withHttp("HEAD", null, null), null);
        ProbeResult up = probes.run(SmokeCheck.http("up", url("/health"), 200).withHttp(null, "\"up\"", null), null);
        ProbeResult degraded = probes.run(SmokeCheck.http("degraded", url("/health"), 200)
                .withHttp("GET", "degraded", null), null);

        assertThat(head.passed()).isTrue();
        assertThat(methods).contains("HEAD", "GET");
        assertThat(up.passed()).isFalse();
        assertThat(up.latencyMillis()).as("it answered").isNotNull();
        assertThat(up.detail()).isEqualTo("GET http://127.0.0.1:" + application.getAddress().getPort()
                + "/health?… answered 200 without \"\"up\"\" in its body");
        assertThat(degraded.passed()).isTrue();
    }

    @Test
    void aUrlProbeThatDoesNotAnswerWithinItsTimeoutFailsWithoutALatency() {
        long started = System.nanoTime();
        ProbeResult hangs = probes.run(SmokeCheck.http("hangs", url("/hangs"), 200)
                .withHttp(null, null, Duration.ofMillis(300)), null);

        assertThat(hangs.passed()).isFalse();
        assertThat(hangs.latencyMillis()).isNull();
        assertThat(hangs.detail()).endsWith("got no answer within 300 ms").doesNotContain("t0ken");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aSqlProbeRunsReadOnlyAndComparesItsFirstValue() {
        PostgresResource.TestDatabases server = new PostgresResource.TestDatabases();
        TargetDatabase target = new TargetDatabase("test", server.url("postgres"), server.user(), server.password());

        ProbeResult one = probes.run(SmokeCheck.sql("one", "SELECT 1", "1"), target);
        ProbeResult wrong = probes.run(SmokeCheck.sql("wrong", "SELECT 2", "1"), target);
        ProbeResult writes = probes.run(SmokeCheck.sql("writes", "CREATE TABLE probe_must_not_write (id int)", null),
                target);

        assertThat(one.passed()).isTrue();
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.detail()).isEqualTo("expected 1, the query returned 2");
        assertThat(writes.passed()).isFalse();
        assertThat(writes.detail()).startsWith("the query tried to write, but probes run in a read-only transaction");
    }
}
