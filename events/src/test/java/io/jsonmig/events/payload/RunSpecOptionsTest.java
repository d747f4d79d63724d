package io.jsonmig.events.payload;

import io.jsonmig.events.EventEnvelope;
import io.jsonmig.events.TestEvents;
import io.jsonmig.events.serde.EventJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The options a run file can set beyond paths and profile: layout, smoke checks, recipients, dry run. */
class RunSpecOptionsTest {

    private static final RunSpec BASE = TestEvents.spec();

    @Test
    void everyOptionTravelsInTheStartEventAndComesBackEqual() {
        RunSpec full = TestEvents.fullSpec();
        EventEnvelope event = EventEnvelope.of("mig-20261205-020000-abcd", 1, "jsonmig-cli", "",
                new MigrationRequested(full), Instant.parse("2026-12-05T02:00:00Z"));

        EventEnvelope back = EventJson.fromBytes(EventJson.toBytes(event));

        assertThat(back.payloadAs(MigrationRequested.class).spec()).isEqualTo(full);
        assertThat(new String(EventJson.toBytes(event), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"dryRun\":true", "\"layout\":\"db-json\"", "\"users-count\"", "cto@example.com");
    }

    @Test
    void aStartEventOfAnEarlierVersionReadsAsARunWithNoneOfTheOptions() {
        String json = """
                {"eventId":"e1","migrationId":"mig-20261205-020000-abcd","type":"migration.requested",
                 "occurredAt":"2026-12-05T02:00:00Z","attempt":1,"producer":"jsonmig-cli",
                 "payload":{"spec":{"sourceDir":"/data","schemaDir":"/schema","targetProfile":"local"}}}""";

        RunSpec spec = EventJson.fromBytes(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .payloadAs(MigrationRequested.class).spec();

        assertThat(spec.layout()).isNull();
        assertThat(spec.smokeChecks()).isEmpty();
        assertThat(spec.recipients()).isEmpty();
        assertThat(spec.dryRun()).isFalse();
    }

    @Test
    void anUnknownLayoutIsRefusedNamingTheOnesThereAre() {
        assertThatThrownBy(() -> BASE.withLayout("csv"))
                .hasMessageContaining("invalid layout 'csv'").hasMessageContaining("db-json, array-per-file, ndjson");
    }

    @Test
    void aSmokeCheckIsEitherSqlOrUrlAndItsNameIsUnique() {
        assertThatThrownBy(() -> new SmokeCheck("both", "select 1", "1", "http://app/health", null))
                .hasMessageContaining("smoke check both: give either sql or url, not both");
        assertThatThrownBy(() -> new SmokeCheck("none", null, null, null, null))
                .hasMessageContaining("not neither");
        assertThatThrownBy(() -> new SmokeCheck("Bad Name", "select 1", "1", null, null))
                .hasMessageContaining("invalid smoke check name 'Bad Name'");
        assertThatThrownBy(() -> SmokeCheck.http("health", "ftp://app/health", null))
                .hasMessageContaining("must be http(s)");
        assertThatThrownBy(() -> SmokeCheck.http("health", "http://user:secret@app/health", null))
                .hasMessageContaining("must not carry credentials").hasMessageNotContaining("secret@");
        assertThatThrownBy(() -> SmokeCheck.http("health", "http://app/health", 999))
                .hasMessageContaining("999 is not an HTTP status");
        assertThatThrownBy(() -> BASE.withSmokeChecks(List.of(SmokeCheck.sql("a", "select 1", "1"),
                SmokeCheck.sql("a", "select 2", "2")))).hasMessageContaining("smoke check a is named twice");
        assertThat(SmokeCheck.http("health", "https://app/health", null).effectiveExpectedStatus()).isEqualTo(200);
    }

    @Test
    void recipientsNeedAnAudienceNameAndEMailAddresses() {
        assertThatThrownBy(() -> BASE.withRecipients(Map.of("Stake Holders", List.of("a@example.com"))))
                .hasMessageContaining("invalid audience 'Stake Holders'");
        assertThatThrownBy(() -> BASE.withRecipients(Map.of("users", List.of("not-an-address"))))
                .hasMessageContaining("audience users: 'not-an-address' is not an e-mail address");
        assertThat(BASE.withRecipients(Map.of("oncall", List.of("ops@example.com"))).recipients())
                .containsEntry("oncall", List.of("ops@example.com"));
    }

    @Test
    void aDryRunsSchemaIsNamedAfterItsRunAndFitsAPostgresIdentifier() {
        assertThat(DryRuns.schemaFor("mig-20261205-020000-abcd")).isEqualTo("jsonmig_dry_mig_20261205_020000_abcd");
        String longId = "a" + "b".repeat(63);
        String longer = "a" + "b".repeat(62) + "c";
        assertThat(DryRuns.schemaFor(longId)).hasSize(63).startsWith("jsonmig_dry_abbb");
        assertThat(DryRuns.schemaFor(longId)).isNotEqualTo(DryRuns.schemaFor(longer));
        assertThatThrownBy(() -> DryRuns.schemaFor("../x")).isInstanceOf(IllegalArgumentException.class);
    }
}
