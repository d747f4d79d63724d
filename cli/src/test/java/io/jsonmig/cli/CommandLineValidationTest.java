package io.jsonmig.cli;

import io.jsonmig.testing.TestFiles;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Arguments are checked before anything is published or started: every mistake exits 1 and says what is wrong. */
@QuarkusMainTest
@TestProfile(CommandLineValidationTest.EmptyHome.class)
class CommandLineValidationTest {

    /** A repository without any built service, and a broker address where nothing listens. */
    public static class EmptyHome implements QuarkusTestProfile {
        static final Path HOME = emptyDirectory();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("jsonmig.home", HOME.toString(),
                    "jsonmig.stack.dir", HOME.resolve("stack").toString());
        }

        private static Path emptyDirectory() {
            try {
                return Files.createTempDirectory("jsonmig-cli-empty-home-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @AfterAll
    static void removeHome() throws IOException {
        TestFiles.deleteTree(EmptyHome.HOME);
    }

    @Test
    void startReportsEveryBadArgumentAtOnce(QuarkusMainLauncher launcher) throws IOException {
        Path file = Files.writeString(EmptyHome.HOME.resolve("not-a-dir.sql"), "select 1;");
        LaunchResult result = launcher.launch("start", "--source", "/no/such/source", "--schema", file.toString(),
                "--mapping", "/no/such/mapping.json", "--target", "Production");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getOutput()).isEmpty();
        assertThat(result.getErrorOutput())
                .contains("source directory (--source) '/no/such/source' does not exist")
                .contains("schema directory (--schema) '" + file + "' is not a directory")
                .contains("mapping file (--mapping) '/no/such/mapping.json' does not exist")
                .contains("target profile (--target) 'Production' is not valid")
                .contains("Try 'jsonmig start --help'");
    }

    @Test
    void aMaintenanceWindowMustLieAheadAndHaveADowntime(QuarkusMainLauncher launcher) {
        LaunchResult past = launcher.launch("start", "--source", "../examples/blog/data", "--schema",
                "../examples/blog/schema", "--scheduled-at", "2020-01-01T00:00:00Z", "--expected-downtime", "30m");
        LaunchResult noOffset = launcher.launch("start", "--source", "/no/such/source", "--schema",
                "../examples/blog/schema", "--scheduled-at", "2999-01-01T00:00:00");
        LaunchResult badDowntime = launcher.launch("start", "--source", "../examples/blog/data", "--schema",
                "../examples/blog/schema", "--scheduled-at", "2999-01-01T00:00:00Z", "--expected-downtime", "soon");

        assertThat(past.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(past.getOutput()).isEmpty();
        assertThat(past.getErrorOutput()).contains("--scheduled-at 2020-01-01T00:00:00Z is not in the future");
        assertThat(noOffset.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(noOffset.getErrorOutput())
                .contains("source directory (--source) '/no/such/source' does not exist")
                .contains("--scheduled-at needs --expected-downtime");
        assertThat(badDowntime.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(badDowntime.getErrorOutput()).contains("invalid duration 'soon'");
    }

    @Test
    void remotePathsMustBeAbsoluteAndTheProfileValid(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("start", "--remote-paths", "--source", "data", "--schema",
                "/data/app/schema", "--mapping", "./mapping.json", "--target", "Prod!");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getOutput()).isEmpty();
        assertThat(result.getErrorOutput())
                .contains("source directory (--source) 'data' is not absolute")
                .contains("mapping file (--mapping) './mapping.json' is not absolute")
                .doesNotContain("--schema) '/data/app/schema'")
                .doesNotContain("does not exist")
                .contains("target profile (--target) 'Prod!' is not valid");
    }

    @Test
    void everyBadFileIsReportedAtOnce(QuarkusMainLauncher launcher) throws IOException {
        Path source = Files.createDirectories(EmptyHome.HOME.resolve("files-source"));
        Files.createDirectories(source.resolve("shop"));
        Files.writeString(source.resolve("users.json"), "[]");
        Path outside = Files.writeString(EmptyHome.HOME.resolve("secret.json"), "{}");
        Files.createSymbolicLink(source.resolve("escape.json"), outside);

        LaunchResult result = launcher.launch("start", "--source", source.toString(), "--schema", source.toString(),
                "--file", "users.json", "--file", "/etc/passwd", "--file", "shop/../users.json",
                "--file", "missing.json", "--file", "escape.json", "--file", "shop", "--file", "./users.json");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getOutput()).isEmpty();
        assertThat(result.getErrorOutput())
                .contains("source file (--file) '/etc/passwd' is absolute; give it relative to the source directory")
                .contains("source file (--file) 'shop/../users.json' contains '..'")
                .contains("source file (--file) 'missing.json' does not exist in the source directory "
                        + source.toRealPath())
                .contains("source file (--file) 'escape.json' leads outside the source directory")
                .contains("source file (--file) 'shop' is not a regular file")
                .contains("source file (--file) './users.json' is given twice")
                .doesNotContain("'users.json' ");
    }

    @Test
    void remoteFilesAreCheckedOnlyForTheirForm(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("start", "--remote-paths", "--source", "/data/app/data", "--schema",
                "/data/app/schema", "--file", "../etc/passwd", "--file", "users.json", "--target", "Prod!");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getErrorOutput())
                .contains("source file (--file) '../etc/passwd' contains '..'")
                .doesNotContain("'users.json'")
                .contains("target profile (--target) 'Prod!' is not valid");
    }

    @Test
    void startNeedsSourceAndSchema(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("start", "--source", ".");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getErrorOutput()).contains("missing the schema directory (--schema)")
                .doesNotContain("source directory");
    }

    @Test
    void watchRejectsAnInvalidId(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("watch", "Mig_2026!");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getErrorOutput()).contains("invalid migration id 'Mig_2026!'");
    }

    @Test
    void watchRejectsAnInvalidTimeout(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("watch", "mig-20261125-153600-7f3a", "--timeout", "ten minutes");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getErrorOutput()).contains("--timeout").contains("invalid duration 'ten minutes'");
    }

    @Test
    void anUnknownCommandOrOptionExitsOne(QuarkusMainLauncher launcher) {
        assertThat(launcher.launch("migrate").exitCode()).isEqualTo(ExitCodes.ERROR);
        LaunchResult result = launcher.launch("stack", "up", "--force");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getErrorOutput()).contains("Unknown option: '--force'");
    }

    @Test
    void stackUpRefusesToStartWithoutTheServiceJars(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("stack", "up");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(result.getErrorOutput()).contains("service jar(s) missing")
                .contains(EmptyHome.HOME.resolve("backup-service/target/quarkus-app/quarkus-run.jar").toString())
                .contains("notification-service");
        assertThat(EmptyHome.HOME.resolve("stack")).doesNotExist();
    }

    @Test
    void helpDocumentsTheExitCodesAndExamples(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("watch", "--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.getOutput()).contains("Exit codes:").contains("2  rolled back")
                .contains("3  failed").contains("4  the timeout passed").contains("Examples:");
        assertThat(launcher.launch("stack", "down", "--help").getOutput()).contains("SIGKILL");
        assertThat(launcher.launch("start", "--help").getOutput()).contains("--remote-paths")
                .contains("/data/app/data").contains("--file=PATH").contains("--file shop/orders.json");
    }
}
