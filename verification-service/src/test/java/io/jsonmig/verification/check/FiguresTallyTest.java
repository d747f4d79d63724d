package io.jsonmig.verification.check;

import io.jsonmig.mappingplan.value.ValueKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FiguresTallyTest {

    @Test
    void integersAreSummedAndOrderedExactlyBeyondALong() {
        FiguresTally tally = new FiguresTally(ValueKind.INTEGER);
        for (String value : new String[] {"9223372036854775807", "9223372036854775807", "-12", "0", null, "7",
                "-300", "123456789012345678901234567890"}) {
            tally.add(value);
        }
        ColumnFigures figures = tally.figures();
        assertThat(figures.nulls()).isEqualTo(1);
        assertThat(figures.sum()).isEqualTo("123456789030792422974944119199");
        assertThat(figures.min()).isEqualTo("-300");
        assertThat(figures.max()).isEqualTo("123456789012345678901234567890");
    }

    @Test
    void decimalsAndFloatsKeepTheirCanonicalTexts() {
        FiguresTally decimals = new FiguresTally(ValueKind.NUMERIC);
        for (String value : new String[] {"1.5", "-0.0955", "10", "<not storable>", "2.25"}) {
            decimals.add(value);
        }
        assertThat(decimals.figures().sum()).isEqualTo("13.6545");
        assertThat(decimals.figures().min()).isEqualTo("-0.0955");
        assertThat(decimals.figures().max()).isEqualTo("10");

        FiguresTally floats = new FiguresTally(ValueKind.FLOAT8);
        for (String value : new String[] {"1.5", "-2.0E10", "3.25"}) {
            floats.add(value);
        }
        assertThat(floats.figures().min()).isEqualTo("-2.0E10");
        assertThat(floats.figures().max()).isEqualTo("3.25");
        assertThat(floats.figures().sum()).isNull();
    }
}
