package io.jsonmig.cli.watch;

import io.jsonmig.cli.ExitCodes;
import io.jsonmig.cli.testing.RunEvents;
import io.jsonmig.cli.testing.Tmux;
import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.Progress;
import io.jsonmig.testing.EventProbe;
import io.jsonmig.testing.KafkaBrokerResource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged CLI ({@code target/quarkus-app/quarkus-run.jar}, as {@code ./jsonmig} runs it) watching a
 * run on the real broker while the test publishes the run's events as the services would: in a real
 * pseudo-terminal (tmux), whose screen is read back, and with its stdout a pipe.
 * A failsafe test of this module: it runs in {@code verify}, after {@code package} built the jar.
 */
class WatchTerminalIT {

    private static final Path CLI_JAR = Path.of(System.getProperty("jsonmig.cli.jar", "target/quarkus-app/quarkus-run.jar"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** A JVM starting on a busy machine, then Kafka's first poll. */
    private static final Duration SCREEN_WAIT = Duration.ofSeconds(120);
    private static final String SESSION = "watch";

    private static EventProbe probe;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() {
        assertThat(CLI_JAR).as("the packaged CLI: run 'verify', which packages it first").isRegularFile();
        probe = new EventProbe(KafkaBrokerResource.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        if (probe != null) {
            probe.close();
        }
    }

    @Test
    void onATerminalTheBarsMoveInPlaceAndTheFinalScreenStaysAboveTheSummary() throws Exception {
        requireTmux();
        RunEvents run = new RunEvents();
        publish(run.requested(0), run.backupCompleted(1), usersAt(run, 2, 8));
        Path exitCode = dir.resolve("exit-code");
        Path script = Files.writeString(dir.resolve("watch.sh"), String.join("\n",
                "export JSONMIG_KAFKA_BOOTSTRAP='" + KafkaBrokerResource.bootstrapServers() + "'",
                "export LANG=C.UTF-8",
                "unset COLUMNS LINES NO_COLOR",
                "'" + JAVA + "' -Xmx256m -XX:+UseSerialGC -jar '" + CLI_JAR.toAbsolutePath() + "' watch " + run.id
                        + " --timeout 5m",
                "echo $? > '" + exitCode + "'", ""));

        try (Tmux tmux = new Tmux(dir)) {
            tmux.start(SESSION, 120, 40, script);

            String first = awaitScreen(tmux, "  users +█{8}░{32}  20%  8/40  4.0/s  ETA 8s");
            assertThat(first).containsPattern("(?m)^Run " + run.id + "  RUNNING  attempt 1  target staging  elapsed \\d")
                    .containsPattern("(?m)^BACKUP +█{40} 100%  done in 1.0s")
                    .containsPattern("(?m)^MIGRATION +.* running \\d")
                    .containsPattern("(?m)^VERIFICATION +░{40} +pending")
                    .containsPattern("\\d\\d:\\d\\d:\\d\\d  backup/backup.completed");

            publish(usersAt(run, 3, 24));
            String moved = awaitScreen(tmux, "  users +█{24}░{16}  60%  24/40  4.0/s  ETA 4s");
            assertThat(moved).doesNotContain("20%  8/40");
            assertThat(headers(moved, run)).as("one screen, redrawn in place:\n" + moved).isEqualTo(1);

            publish(usersAt(run, 4, 40), run.dataMigrated(5), run.verificationPassed(6), run.cutoverReady(6.5));
            await().atMost(SCREEN_WAIT).until(() -> Files.exists(exitCode) && !Files.readString(exitCode).isBlank());
            String last = tmux.capture(SESSION);

            assertThat(Files.readString(exitCode).trim()).as(last).isEqualTo(Integer.toString(ExitCodes.OK));
            assertThat(headers(last, run)).as(last).isEqualTo(1);
            for (String phase : List.of("BACKUP", "MIGRATION", "VERIFICATION", "CUTOVER")) {
                assertThat(last).containsPattern("(?m)^" + phase + " +█{40} 100%  done in \\d");
            }
            assertThat(last).containsPattern("(?m)^Run " + run.id + "  COMPLETED  attempt 1  target staging  elapsed 6s")
                    .contains("cutover/cutover.ready")
                    .doesNotContainPattern("(?m)^  users ");
            String summary = "Run " + run.id + " COMPLETED: verified, cut-over ready";
            assertThat(last).contains(summary).contains("rows loaded      460 (users 40, posts 120, comments 300)");
            assertThat(last.indexOf("CUTOVER ")).isLessThan(last.indexOf(summary));
        }
    }

    @Test
    void intoAPipeItPrintsPlainLinesWithoutEscapeCodes() throws Exception {
        RunEvents run = new RunEvents();
        publish(run.requested(0), run.backupCompleted(1), usersAt(run, 2, 8));
        ProcessBuilder builder = new ProcessBuilder(JAVA, "-Xmx256m", "-XX:+UseSerialGC", "-jar",
                CLI_JAR.toAbsolutePath().toString(), "watch", run.id, "--timeout", "5m")
                .redirectError(dir.resolve("stderr").toFile());
        builder.environment().put("JSONMIG_KAFKA_BOOTSTRAP", KafkaBrokerResource.bootstrapServers());
        // a terminal type that could draw the screen: the pipe decides
        builder.environment().put("TERM", "xterm-256color");
        Process watch = builder.start();
        StringBuffer stdout = new StringBuffer();
        Thread reader = new Thread(() -> readInto(watch, stdout), "watch-stdout");
        reader.start();
        try {
            await().atMost(SCREEN_WAIT).until(() -> stdout.toString().contains("users 8/40 (20%)"));
            publish(usersAt(run, 3, 24), usersAt(run, 4, 40), run.dataMigrated(5), run.verificationPassed(6), run.cutoverReady(6.5));

            assertThat(watch.waitFor(SCREEN_WAIT.toSeconds(), TimeUnit.SECONDS)).as("watch ended").isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } finally {
            watch.destroyForcibly();
        }

        String output = stdout.toString();
        assertThat(watch.exitValue()).as(output).isEqualTo(ExitCodes.OK);
        assertThat(output).doesNotContain("\u001b").doesNotContain("█");
        assertThat(output.lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  \\S+ +.*"))
                .map(l -> l.split("\\s+")[1])).containsSubsequence(
                "run/migration.requested", "backup/backup.completed", "migration/progress",
                "migration/data.migrated", "verification/verification.passed", "cutover/cutover.ready");
        assertThat(output).contains("Run " + run.id + " COMPLETED: verified, cut-over ready");
        assertThat(Files.readString(dir.resolve("stderr"))).contains("Watching run " + run.id);
    }

    /** migration-service's progress of {@code users} (40 records) at 4 records/s. */
    private static EventEnvelope usersAt(RunEvents run, double t, long done) {
        return run.progress(t, Progress.atRate(Phase.MIGRATION, "users", done, 40, done * 120, 4.0));
    }

    private static void requireTmux() {
        boolean installed = Tmux.installed();
        if (!installed && Boolean.parseBoolean(System.getenv("JSONMIG_REQUIRE_TMUX"))) {
            fail("tmux is not installed and JSONMIG_REQUIRE_TMUX=true: install it (apt-get install -y tmux)");
        }
        assumeTrue(installed, "tmux is not installed: the watch screen is not tested in a terminal "
                + "(apt-get install -y tmux; JSONMIG_REQUIRE_TMUX=true makes this a failure)");
    }

    private static String awaitScreen(Tmux tmux, String linePattern) {
        Pattern line = Pattern.compile("(?m)^" + linePattern);
        String[] screen = {""};
        await().atMost(SCREEN_WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            screen[0] = tmux.capture(SESSION);
            assertThat(screen[0]).containsPattern(line);
        });
        return screen[0];
    }

    /** How many header lines of the run's screen are visible: one, unless a frame was not drawn over the last. */
    private static long headers(String screen, RunEvents run) {
        return screen.lines().filter(l -> l.startsWith("Run " + run.id + "  ")).count();
    }

    private static void readInto(Process process, StringBuffer output) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                output.append(line).append('\n');
            }
        } catch (IOException e) {
            output.append("(reading stdout failed: ").append(e).append(")\n");
        }
    }

    private static void publish(EventEnvelope... events) {
        for (EventEnvelope event : events) {
            probe.publish(event);
        }
    }
}
