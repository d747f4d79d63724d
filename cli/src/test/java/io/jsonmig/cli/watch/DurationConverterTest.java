package io.jsonmig.cli.watch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @ParameterizedTest
    @CsvSource({"90s, PT1M30S", "10m, PT10M", "1h30m, PT1H30M", "500ms, PT0.5S", "2h, PT2H", "PT5M, PT5M", "pt45s, PT45S"})
    void readsShortAndIsoDurations(String text, String expected) {
        assertThat(converter.convert(text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "ten minutes", "10x", "m", "0s", "PT-5M", "5m10"})
    void rejectsAnythingElseNamingTheValue(String text) {
        assertThatThrownBy(() -> converter.convert(text)).isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'" + text + "'");
    }
}
