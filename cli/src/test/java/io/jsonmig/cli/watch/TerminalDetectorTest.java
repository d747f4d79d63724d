package io.jsonmig.cli.watch;

import io.jsonmig.cli.watch.TerminalDetector.Choice;
import io.jsonmig.cli.watch.TerminalDetector.Mode;
import io.jsonmig.cli.watch.TerminalDetector.Requested;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalDetectorTest {

    private static final Map<String, String> XTERM = Map.of("TERM", "xterm-256color");

    private static Choice choose(Requested requested, boolean terminal, Map<String, String> env) {
        return TerminalDetector.choose(requested, false, terminal, env, StandardCharsets.UTF_8);
    }

    @Test
    void aTerminalGetsTheLiveScreenInColour() {
        assertThat(choose(Requested.AUTO, true, XTERM)).isEqualTo(new Choice(Mode.LIVE, true, ProgressBar.Glyphs.UNICODE));
    }

    @Test
    void aPipeOrATerminalThatCannotMoveTheCursorGetsPlainLines() {
        assertThat(choose(Requested.AUTO, false, XTERM).mode()).isEqualTo(Mode.PLAIN);
        assertThat(choose(Requested.AUTO, true, Map.of("TERM", "dumb")).mode()).isEqualTo(Mode.PLAIN);
        assertThat(choose(Requested.AUTO, true, Map.of()).mode()).isEqualTo(Mode.PLAIN);
        assertThat(choose(Requested.AUTO, false, XTERM).colour()).isFalse();
    }

    @Test
    void theOptionsWinOverWhatIsDetected() {
        assertThat(choose(Requested.LIVE, false, Map.of("TERM", "dumb")).mode()).isEqualTo(Mode.LIVE);
        assertThat(choose(Requested.PLAIN, true, XTERM).mode()).isEqualTo(Mode.PLAIN);
        assertThat(choose(Requested.JSON, true, XTERM)).extracting(Choice::mode, Choice::colour)
                .containsExactly(Mode.JSON, false);
    }

    @Test
    void noColourByOptionOrByNoColorButStillLive() {
        assertThat(TerminalDetector.choose(Requested.AUTO, true, true, XTERM, StandardCharsets.UTF_8))
                .extracting(Choice::mode, Choice::colour).containsExactly(Mode.LIVE, false);
        assertThat(choose(Requested.AUTO, true, Map.of("TERM", "xterm", "NO_COLOR", "1")).colour()).isFalse();
        assertThat(choose(Requested.AUTO, true, Map.of("TERM", "xterm", "NO_COLOR", "")).colour()).isTrue();
    }

    @Test
    void anOutputThatCannotEncodeBlocksGetsAsciiBars() {
        assertThat(TerminalDetector.choose(Requested.AUTO, false, true, XTERM, StandardCharsets.US_ASCII).glyphs())
                .isEqualTo(ProgressBar.Glyphs.ASCII);
        assertThat(TerminalDetector.choose(Requested.AUTO, false, true, XTERM, Charset.forName("ISO-8859-1")).glyphs())
                .isEqualTo(ProgressBar.Glyphs.ASCII);
    }
}
