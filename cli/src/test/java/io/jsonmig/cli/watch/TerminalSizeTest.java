package io.jsonmig.cli.watch;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TerminalSizeTest {

    private static final Optional<TerminalSize> ASKED = Optional.of(new TerminalSize(132, 43));

    @Test
    void columnsAndLinesFromTheEnvironmentWin() {
        assertThat(TerminalSize.of(Map.of("COLUMNS", "100", "LINES", "30"), () -> ASKED))
                .isEqualTo(new TerminalSize(100, 30));
        assertThat(TerminalSize.of(Map.of("COLUMNS", "100"), () -> ASKED)).isEqualTo(new TerminalSize(100, 43));
    }

    @Test
    void otherwiseTheTerminalIsAskedAndWithoutOne80By24() {
        assertThat(TerminalSize.of(Map.of("COLUMNS", "wide", "LINES", "0"), () -> ASKED)).isEqualTo(ASKED.get());
        assertThat(TerminalSize.of(Map.of(), Optional::empty)).isEqualTo(new TerminalSize(80, 24));
    }
}
