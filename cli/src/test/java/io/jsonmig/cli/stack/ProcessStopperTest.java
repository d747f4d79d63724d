package io.jsonmig.cli.stack;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code stack down} signals only what the stack started, and nothing survives it. */
class ProcessStopperTest {

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();
    private final StringWriter output = new StringWriter();
    private final PrintWriter out = new PrintWriter(output);

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void stopsItsOwnProcessWithSigterm() throws Exception {
        Path jar = dir.resolve("backup-service/target/quarkus-app/quarkus-run.jar");
        Process service = start("exec -a \"$0\" sleep 300", jar.toString(), jar.toString());
        ManagedProcess managed = managed("backup-service", service, jar.toString());

        boolean allGone = new ProcessStopper(Duration.ofSeconds(10)).stop(List.of(managed), out);

        assertThat(allGone).isTrue();
        assertThat(exited(service)).isTrue();
        assertThat(managed.pidFile()).doesNotExist();
        assertThat(output.toString()).contains("backup-service").contains("stopped (pid " + service.pid() + ", SIGTERM)");
    }

    @Test
    void killsAProcessThatIgnoresSigtermAfterTheTimeout() throws Exception {
        Path jar = dir.resolve("migration-service/target/quarkus-app/quarkus-run.jar");
        Process stubborn = start("trap '' TERM; exec -a \"$0\" sleep 300", jar.toString(), jar.toString());
        ManagedProcess managed = managed("migration-service", stubborn, jar.toString());

        boolean allGone = new ProcessStopper(Duration.ofSeconds(1)).stop(List.of(managed), out);

        assertThat(allGone).isTrue();
        assertThat(exited(stubborn)).isTrue();
        assertThat(output.toString()).contains("killed (pid " + stubborn.pid() + ", SIGKILL after 1s)");
        assertThat(managed.pidFile()).doesNotExist();
    }

    @Test
    void neverSignalsAProcessWhoseCommandLineIsNotOurs() throws IOException {
        // the pid file survived, but its pid now belongs to something else
        Process stranger = start("exec sleep 300", "unrelated", "sleep 300");
        ManagedProcess managed = managed("verification-service", stranger,
                dir.resolve("verification-service/target/quarkus-app/quarkus-run.jar").toString());

        boolean allGone = new ProcessStopper(Duration.ofSeconds(1)).stop(List.of(managed), out);

        assertThat(allGone).isTrue();
        assertThat(stranger.isAlive()).isTrue();
        assertThat(managed.pidFile()).doesNotExist();
        assertThat(output.toString()).contains("stale pid file").contains("pid " + stranger.pid() + " is gone or not ours");
    }

    @Test
    void aLiveProcessWhoseCommandLineCannotBeReadIsLeftAloneWithItsPidFile() throws IOException {
        Path jar = dir.resolve("backup-service/target/quarkus-app/quarkus-run.jar");
        Process service = start("exec -a \"$0\" sleep 300", jar.toString(), jar.toString());
        ManagedProcess managed = managed("backup-service", service, jar.toString());

        // e.g. /proc mounted with hidepid, or a process of another user
        boolean allGone = new ProcessStopper(Duration.ofSeconds(1), pid -> null).stop(List.of(managed), out);

        assertThat(allGone).isFalse();
        assertThat(service.isAlive()).isTrue();
        assertThat(managed.pidFile()).exists();
        assertThat(managed.check(pid -> null).state()).isEqualTo(ManagedProcess.State.UNVERIFIED);
        assertThat(output.toString()).contains("NOT STOPPED: pid " + service.pid()
                + " is alive but its command line cannot be read").contains("pid file " + managed.pidFile() + " kept");
    }

    @Test
    void aDeadProcessIsStaleEvenWhenNoCommandLineCanBeRead() throws Exception {
        Path jar = dir.resolve("backup-service/target/quarkus-app/quarkus-run.jar");
        Process gone = start("exec -a \"$0\" sleep 300", jar.toString(), jar.toString());
        ManagedProcess managed = managed("backup-service", gone, jar.toString());
        gone.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

        boolean allGone = new ProcessStopper(Duration.ofSeconds(1), pid -> null).stop(List.of(managed), out);

        assertThat(allGone).isTrue();
        assertThat(managed.pidFile()).doesNotExist();
        assertThat(output.toString()).contains("stale pid file");
    }

    @Test
    void stoppingTwiceOrWithoutPidFileIsHarmless() throws IOException {
        Path jar = dir.resolve("notification-service/target/quarkus-app/quarkus-run.jar");
        Process service = start("exec -a \"$0\" sleep 300", jar.toString(), jar.toString());
        ManagedProcess managed = managed("notification-service", service, jar.toString());
        ProcessStopper stopper = new ProcessStopper(Duration.ofSeconds(10));

        assertThat(stopper.stop(List.of(managed), out)).isTrue();
        assertThat(stopper.stop(List.of(managed), out)).isTrue();

        assertThat(output.toString()).contains("notification-service   not running");
    }

    @Test
    void aGarbledPidFileIsStale() throws IOException {
        ManagedProcess managed = new ManagedProcess("kafka", dir.resolve("pids/kafka.pid"), List.of("kafka.Kafka"));
        Files.createDirectories(managed.pidFile().getParent());
        Files.writeString(managed.pidFile(), "not a pid");

        assertThat(managed.check().state()).isEqualTo(ManagedProcess.State.STALE);
        assertThat(new ProcessStopper(Duration.ofSeconds(1)).stop(List.of(managed), out)).isTrue();
        assertThat(managed.pidFile()).doesNotExist();
    }

    /**
     * Runs {@code bash -c script arg0} and waits until bash has exec'd {@code sleep}: with
     * {@code exec -a "$0"} the sleep's command line then starts with arg0, e.g. a jar path.
     */
    private Process start(String script, String arg0, String commandLineStart) throws IOException {
        Process process = new ProcessBuilder("bash", "-c", script, arg0).start();
        started.add(process);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String commandLine = ManagedProcess.commandLine(process.pid());
            return commandLine != null && commandLine.startsWith(commandLineStart);
        });
        return process;
    }

    /** The test's own view of its child is updated by another reaper than the stopper's handle: wait for it. */
    private static boolean exited(Process process) throws InterruptedException {
        return process.waitFor(5, TimeUnit.SECONDS);
    }

    private ManagedProcess managed(String name, Process process, String marker) {
        ManagedProcess managed = new ManagedProcess(name, dir.resolve("pids/" + name + ".pid"), List.of(marker));
        managed.writePid(process.pid());
        return managed;
    }
}
