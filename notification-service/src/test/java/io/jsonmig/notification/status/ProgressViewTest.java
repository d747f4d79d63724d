package io.jsonmig.notification.status;

import io.jsonmig.events.Phase;
import io.jsonmig.events.payload.Progress;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressViewTest {

    private static final Instant START = Instant.parse("2025-03-14T10:00:00Z");

    @Test
    void aKnownTotalGivesPercentRateAndTimeLeft() {
        ProgressView view = ProgressView.of(new Progress(Phase.MIGRATION, "comments", 150, 300), START.plusSeconds(2),
                START);

        assertThat(view.key()).isEqualTo("MIGRATION/comments");
        assertThat(view.percent()).isEqualTo(50);
        assertThat(view.max()).isEqualTo(300);
        assertThat(view.value()).isEqualTo(150);
        assertThat(view.label()).isEqualTo("150 of 300 (50%) · 75/s · about 2.0 s left");
    }

    @Test
    void aFinishedItemHasNoTimeLeftAndSlowRatesKeepADecimal() {
        ProgressView view = ProgressView.of(new Progress(Phase.BACKUP, "records", 3, 3), START.plusSeconds(10), START);

        assertThat(view.percent()).isEqualTo(100);
        assertThat(view.label()).isEqualTo("3 of 3 (100%) · 0.3/s");
    }

    @Test
    void anUnknownTotalIsAnIndeterminateBar() {
        ProgressView view = ProgressView.of(new Progress(Phase.BACKUP, "records", 1200, -1), START.plusSeconds(60),
                START);

        assertThat(view.percent()).isEqualTo(-1);
        assertThat(view.label()).isEqualTo("1200 · 20/s");
    }

    @Test
    void withoutTimesThereIsNoRateAndAnEmptyItemIsFull() {
        ProgressView view = ProgressView.of(new Progress(Phase.MIGRATION, "tags", 0, 0), null, START);

        assertThat(view.percent()).isEqualTo(100);
        assertThat(view.max()).isEqualTo(1);
        assertThat(view.value()).isEqualTo(1);
        assertThat(view.label()).isEqualTo("0 of 0 (100%)");
    }

    @Test
    void longDurationsReadInMinutesAndHours() {
        assertThat(StatusFormat.text(java.time.Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(StatusFormat.text(java.time.Duration.ofSeconds(192))).isEqualTo("3 min 12 s");
        assertThat(StatusFormat.text(java.time.Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
        assertThat(StatusFormat.rate(12_500)).isEqualTo("12,500/s");
    }
}
