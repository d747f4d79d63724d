package io.jsonmig.events.preflight;

import io.jsonmig.events.serde.EventJson;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreflightReportTest {

    @Test
    void aReportTravelsInTheEventsJsonFormAndReadsBackEqual() throws Exception {
        PreflightReport report = new PreflightReport("migration-service", List.of(
                PreflightCheck.passed("target-reachable", "target profile 'local' at jdbc:postgresql://db/app"),
                PreflightCheck.failed("target-privileges", "user app may not CREATE in schema public", "GRANT ...")));

        String json = EventJson.mapper().writeValueAsString(report);
        JsonNode tree = EventJson.mapper().readTree(json);

        assertThat(tree.get("checks").get(0).has("fix")).as("null fields are left out").isFalse();
        assertThat(tree.has("passed")).as("derived, not sent").isFalse();
        assertThat(EventJson.mapper().readValue(json, PreflightReport.class)).isEqualTo(report);
        assertThat(report.passed()).isFalse();
        assertThat(report.check("target-privileges").fix()).isEqualTo("GRANT ...");
    }

    @Test
    void aPassedCheckHasNoFixANotCheckedOneSaysWhyAndNamesAreChecked() {
        assertThat(new PreflightCheck("webhooks", true, null, "ignored").fix()).isNull();
        assertThat(new PreflightCheck("webhooks", true, null, null).detail()).isEmpty();
        assertThat(PreflightCheck.notChecked("backup-space", "the source directory was refused").detail())
                .isEqualTo("not checked: the source directory was refused");
        assertThatThrownBy(() -> PreflightCheck.passed("Backup Space", "x"))
                .hasMessageContaining("invalid preflight check name 'Backup Space'");
    }

    @Test
    void everyServiceHasItsChecksInOrder() {
        assertThat(PreflightChecks.BY_SERVICE).containsOnlyKeys("backup-service", "migration-service",
                "verification-service", "notification-service");
        assertThat(PreflightChecks.BY_SERVICE.values().stream().flatMap(List::stream).distinct())
                .as("names are unique across services").hasSize(15);
    }
}
