package io.jsonmig.cli.start;

import io.jsonmig.events.payload.MaintenanceWindow;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MaintenanceWindowRequestTest {

    private static final Instant NOW = Instant.parse("2026-11-25T20:00:00Z");

    private final List<String> problems = new ArrayList<>();

    @Test
    void neitherOptionStartsAtOnce() {
        assertThat(new MaintenanceWindowRequest((String) null, null).toWindow(NOW, problems)).isNull();
        assertThat(problems).isEmpty();
    }

    @Test
    void aTimeWithOffsetBecomesTheInstantOfTheWindow() {
        MaintenanceWindow window = new MaintenanceWindowRequest("2026-11-25T22:00:00+01:00", Duration.ofMinutes(30))
                .toWindow(NOW, problems);

        assertThat(problems).isEmpty();
        assertThat(window.scheduledAt()).isEqualTo(Instant.parse("2026-11-25T21:00:00Z"));
        assertThat(window.expectedDowntime()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aTimeWithoutOffsetIsRefused() {
        assertThat(new MaintenanceWindowRequest("2026-11-25T22:00:00", Duration.ofMinutes(30)).toWindow(NOW, problems))
                .isNull();
        assertThat(problems).singleElement().asString()
                .contains("--scheduled-at '2026-11-25T22:00:00' is not an ISO-8601 time with offset");
    }

    @Test
    void aTimeInThePastIsRefused() {
        new MaintenanceWindowRequest("2026-11-25T19:59:59Z", Duration.ofMinutes(30)).toWindow(NOW, problems);
        new MaintenanceWindowRequest("2026-11-25T20:00:00Z", Duration.ofMinutes(30)).toWindow(NOW, problems);

        assertThat(problems).hasSize(2).allSatisfy(p -> assertThat(p).contains("is not in the future (now is "
                + NOW + ")"));
    }

    @Test
    void eachOptionNeedsTheOther() {
        new MaintenanceWindowRequest("2026-11-25T22:00:00Z", null).toWindow(NOW, problems);
        new MaintenanceWindowRequest((String) null, Duration.ofHours(2)).toWindow(NOW, problems);

        assertThat(problems).containsExactly(
                "--scheduled-at needs --expected-downtime (e.g. 30m, 2h): how long is the application down?",
                "--expected-downtime needs --scheduled-at: when does the maintenance window open?");
    }

    @Test
    void aDowntimeOfMoreThanAWeekIsRefused() {
        new MaintenanceWindowRequest("2026-11-25T22:00:00Z", Duration.ofDays(8)).toWindow(NOW, problems);

        assertThat(problems).containsExactly("--expected-downtime 192h00m00s is longer than 7 days");
    }
}
