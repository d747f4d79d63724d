package io.jsonmig.cli.watch;

import io.jsonmig.cli.watch.ProgressBar.Glyphs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest {

    @Test
    void emptyPartAndFull() {
        assertThat(ProgressBar.of(0, 10, Glyphs.UNICODE)).isEqualTo("░░░░░░░░░░");
        assertThat(ProgressBar.of(0.5, 10, Glyphs.UNICODE)).isEqualTo("█████░░░░░");
        assertThat(ProgressBar.of(0.25, 10, Glyphs.UNICODE)).isEqualTo("██▌░░░░░░░");
        assertThat(ProgressBar.of(1, 10, Glyphs.UNICODE)).isEqualTo("██████████");
    }

    @Test
    void outOfRangeIsClampedAndUnknownIsAnEmptyTrack() {
        assertThat(ProgressBar.of(1.7, 4, Glyphs.UNICODE)).isEqualTo("████");
        assertThat(ProgressBar.of(-1, 4, Glyphs.UNICODE)).isEqualTo("░░░░");
        assertThat(ProgressBar.of(Double.NaN, 4, Glyphs.UNICODE)).isEqualTo("░░░░");
    }

    @Test
    void asciiBarsHaveBracketsWithinTheWidth() {
        assertThat(ProgressBar.of(0, 10, Glyphs.ASCII)).isEqualTo("[........]");
        assertThat(ProgressBar.of(0.5, 10, Glyphs.ASCII)).isEqualTo("[####....]");
        assertThat(ProgressBar.of(1, 10, Glyphs.ASCII)).isEqualTo("[########]");
    }
}
