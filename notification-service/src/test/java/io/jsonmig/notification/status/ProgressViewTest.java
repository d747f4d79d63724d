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
        assertThat(view.label()).isEqualTo("150 of 300 records (50%) · 75 records/s · about 2.0 s left");
    }

    @Test
    void aFinishedItemHasNoTimeLeftAndSlowRatesKeepADecimal() {
        ProgressView view = ProgressView.of(new Progress(Phase.BACKUP, "records", 3, 3), START.plusSeconds(10), START);

        assertThat(view.percent()).isEqualTo(100);
        assertThat(view.label()).isEqualTo("3 of 3 records (100%) · 0.3 records/s");
    }

    @Test
    void anUnknownTotalIsAnIndeterminateBar() {
        ProgressView view = ProgressView.of(new Progress(Phase.BACKUP, "records", 1200, -1), START.plusSeconds(60),
                START);

        assertThat(view.percent()).isEqualTo(-1);
        assertThat(view.label()).isEqualTo("1,200 records · 20 records/s");
    }

    @Test
    void withoutTimesThereIsNoRateAndAnEmptyItemIsFull() {
        ProgressView view = ProgressView.of(new Progress(Phase.MIGRATION, "tags", 0, 0), null, START);

        assertThat(view.percent()).isEqualTo(100);
        assertThat(view.max()).isEqualTo(1);
        assertThat(view.value()).isEqualTo(1);
        assertThat(view.label()).isEqualTo("0 of 0 records (100%)");
    }

    @Test
    void backupBytesReadInBytesAndAWaitingRunCountsDownToItsWindow() {
        ProgressView bytes = ProgressView.of(new Progress(Phase.BACKUP, "bytes", 1_200_000, 3_400_000),
                START.plusSeconds(10), START);
        assertThat(bytes.label()).isEqualTo("1.2 MB of 3.4 MB (35%) · 120.0 kB/s · about 18.3 s left");

        ProgressView waiting = ProgressView.of(new Progress(Phase.BACKUP, Progress.WAITING_FOR_WINDOW, 0, 72),
                START, null, START.plusSeconds(16));
        assertThat(waiting.opensAt()).isEqualTo(START.plusSeconds(72));
        assertThat(waiting.label()).isEqualTo("maintenance window opens in 56.0 s ("
                + StatusFormat.clock(START.plusSeconds(72)) + " UTC)");
        assertThat(waiting.name()).isEqualTo("Backup · waiting");
    }

    @Test
    void eachEndStateHasItsOwnWordAndColour() {
        assertThat(StatusWords.of(io.jsonmig.events.state.RunStatus.COMPLETED))
                .isEqualTo(new StatusWords.Badge("completed", "ok"));
        assertThat(StatusWords.of(io.jsonmig.events.state.RunStatus.ROLLED_BACK))
                .isEqualTo(new StatusWords.Badge("rolled back", "warn"));
        assertThat(StatusWords.of(io.jsonmig.events.state.RunStatus.FAILED))
                .isEqualTo(new StatusWords.Badge("rollback failed", "bad"));
        assertThat(StatusWords.of(Phase.VERIFICATION, io.jsonmig.events.state.PhaseStatus.PENDING,
                io.jsonmig.events.state.RunStatus.ROLLED_BACK).word()).isEqualTo("not run");
        assertThat(StatusWords.of(Phase.ROLLBACK, io.jsonmig.events.state.PhaseStatus.PENDING,
                io.jsonmig.events.state.RunStatus.COMPLETED).word()).isEqualTo("not needed");
    }

    @Test
    void longDurationsReadInMinutesAndHours() {
        assertThat(StatusFormat.text(java.time.Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(StatusFormat.text(java.time.Duration.ofSeconds(192))).isEqualTo("3 min 12 s");
        assertThat(StatusFormat.text(java.time.Duration.ofMinutes(125))).isEqualTo("2 h 5 min");
        assertThat(StatusFormat.rate(12_500)).isEqualTo("12,500/s");
    }
}
