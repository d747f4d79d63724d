package io.jsonmig.cli.watch;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FiguresTest {

    @Test
    void ratesPerSecond() {
        assertThat(Figures.rate(0.44)).isEqualTo("0.4/s");
        assertThat(Figures.rate(9.96)).isEqualTo("10.0/s");
        assertThat(Figures.rate(85.2)).isEqualTo("85/s");
        assertThat(Figures.rate(12_345)).isEqualTo("12345/s");
        assertThat(Figures.rate(123_456)).isEqualTo("123.5k/s");
        assertThat(Figures.bytesRate(3.5 * 1024 * 1024)).isEqualTo("3.5 MiB/s");
    }

    @Test
    void timeLeftToTheSecond() {
        assertThat(Figures.duration(0)).isEqualTo("0s");
        assertThat(Figures.duration(45)).isEqualTo("45s");
        assertThat(Figures.duration(185)).isEqualTo("3m05s");
        assertThat(Figures.duration(3720)).isEqualTo("1h02m");
        assertThat(Figures.duration(3 * 86_400 + 5 * 3600)).isEqualTo("3d05h");
        assertThat(Figures.duration(-5)).isEqualTo("0s");
        assertThat(Figures.duration(Duration.ofMillis(61_900))).isEqualTo("1m01s");
    }

    @Test
    void countsBytesAndPercentages() {
        assertThat(Figures.count(99_999)).isEqualTo("99999");
        assertThat(Figures.count(120_000)).isEqualTo("120.0k");
        assertThat(Figures.count(1_250_000)).isEqualTo("1.3M");
        assertThat(Figures.bytes(512)).isEqualTo("512 B");
        assertThat(Figures.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(Figures.percent(0)).isEqualTo("  0%");
        assertThat(Figures.percent(0.999)).isEqualTo(" 99%");
        assertThat(Figures.percent(1)).isEqualTo("100%");
    }
}
