package io.jsonmig.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the packaged operator CLI as a process, the way an operator's shell does. */
final class JsonmigCli {

    /** What one command printed and how it ended. */
    record Result(int exitCode, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    private final Path home;
    private final Map<String, String> environment;
    private final Path outputDir;
    private int calls;

    JsonmigCli(Path home, Map<String, String> environment, Path outputDir) {
        this.home = home;
        this.environment = environment;
        this.outputDir = outputDir;
    }

    Result run(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(home.resolve("cli/target/quarkus-app/quarkus-run.jar").toString());
        command.addAll(List.of(args));
        int call = ++calls;
        Path out = outputDir.resolve("cli-" + call + "-" + args[0] + ".out");
        Path err = outputDir.resolve("cli-" + call + "-" + args[0] + ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("jsonmig " + String.join(" ", args) + " did not finish within " + timeout
                    + "\nstdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
