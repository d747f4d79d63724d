package io.jsonmig.cli.completion;

import io.jsonmig.cli.ExitCodes;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The completion script, run by a real bash as bash runs it when Tab is pressed. */
@QuarkusMainTest
class CompletionCommandTest {

    @TempDir
    Path dir;

    @Test
    void theScriptIsValidBash(QuarkusMainLauncher launcher) throws Exception {
        Path script = script(launcher, "completion");

        Result syntax = bash("bash", "-n", script.toString());

        assertThat(syntax.exitCode()).as(syntax.err()).isZero();
    }

    @Test
    void itCompletesEveryCommandTheHelpLists(QuarkusMainLauncher launcher) throws Exception {
        Path script = script(launcher, "completion");
        List<String> commands = commandsOfTheHelp(launcher.launch("--help").getOutput());

        assertThat(commands).contains("start", "watch", "stack", "completion");
        assertThat(complete(script, "jsonmig", "")).containsAll(commands);
        assertThat(complete(script, "./jsonmig", "w")).containsExactly("watch");
        assertThat(complete(script, "jsonmig", "stack", "")).containsExactlyInAnyOrder("up", "down", "status");
    }

    @Test
    void itCompletesTheOptionsOfACommandAndTheValuesOfSome(QuarkusMainLauncher launcher) throws Exception {
        Path script = script(launcher, "completion");

        assertThat(complete(script, "jsonmig", "start", "--ru")).containsExactly("--run-file");
        assertThat(complete(script, "jsonmig", "start", "--d")).containsExactlyInAnyOrder("--dry-run");
        assertThat(complete(script, "jsonmig", "start", "--layout", ""))
                .containsExactly("db-json", "array-per-file", "ndjson");
        assertThat(complete(script, "jsonmig", "start", "-")).contains("-f", "--source", "--schema", "--smoke-check",
                "--notify", "--append", "--verbose");
    }

    @Test
    void zshGetsTheSameScriptAndAnUnknownShellIsRefused(QuarkusMainLauncher launcher) {
        LaunchResult zsh = launcher.launch("completion", "zsh");
        LaunchResult fish = launcher.launch("completion", "fish");

        assertThat(zsh.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(zsh.getOutput()).contains("bashcompinit").contains("complete -F _complete_jsonmig");
        assertThat(fish.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(fish.getErrorOutput()).contains("fish").contains("bash, zsh");
    }

    @Test
    void everyCommandsHelpHasExamplesAndExitCodes(QuarkusMainLauncher launcher) {
        for (String command : commandsOfTheHelp(launcher.launch("--help").getOutput())) {
            String help = launcher.launch(command, "--help").getOutput();
            assertThat(help).as(command).contains("Examples:").contains("Exit codes");
        }
    }

    private Path script(QuarkusMainLauncher launcher, String... args) throws IOException {
        LaunchResult result = launcher.launch(args);
        assertThat(result.exitCode()).as(result.getErrorOutput()).isEqualTo(ExitCodes.OK);
        return Files.writeString(dir.resolve("jsonmig.bash"), result.getOutput() + "\n");
    }

    /** What bash offers for the last word, with the words before it typed, as Tab would ask it. */
    private static List<String> complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        StringBuilder array = new StringBuilder();
        for (String word : words) {
            array.append('\'').append(word.replace("'", "'\\''")).append("' ");
        }
        String program = "source '" + script + "'\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\n"
                + "COMP_POINT=${#COMP_LINE}\n"
                + "_complete_jsonmig 2>/dev/null\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Result result = bash("bash", "-c", program);
        assertThat(result.exitCode()).as(result.err()).isZero();
        return result.out().lines().filter(l -> !l.isBlank()).map(String::strip).toList();
    }

    private static List<String> commandsOfTheHelp(String help) {
        List<String> lines = help.lines().toList();
        int start = lines.indexOf("Commands:");
        assertThat(start).as(help).isNotNegative();
        return lines.subList(start + 1, lines.size()).stream()
                .takeWhile(l -> l.startsWith("  "))
                .filter(l -> !Character.isWhitespace(l.charAt(2))) // a description's wrapped line is indented deeper
                .map(l -> l.strip().split("\\s+")[0])
                .toList();
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result bash(String... command) throws Exception {
        Process process = new ProcessBuilder(Arrays.asList(command)).start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }
}
