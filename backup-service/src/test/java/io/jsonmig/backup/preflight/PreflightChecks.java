package io.jsonmig.backup.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.events.preflight.PreflightReport;
import io.jsonmig.events.serde.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** Asks the running service's {@code POST /preflight} and reads its report. */
final class PreflightChecks {

    static final List<String> NAMES = List.of(SourceInspection.READABLE, SourceInspection.VALID,
            SourceInspection.LAYOUT, SourceInspection.SPACE);

    private PreflightChecks() {
    }

    static PreflightReport of(RunSpec spec) {
        String body;
        try {
            body = EventJson.mapper().writeValueAsString(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String answer = given().contentType("application/json").body(body).when().post("/preflight")
                .then().statusCode(200).extract().asString();
        try {
            PreflightReport report = EventJson.mapper().readValue(answer, PreflightReport.class);
            assertThat(report.service()).isEqualTo("backup-service");
            assertThat(report.checks()).extracting(PreflightCheck::name).containsExactlyElementsOf(NAMES);
            return report;
        } catch (IOException e) {
            throw new AssertionError("not a preflight report: " + answer, e);
        }
    }

    /** Exactly the check of that name failed, with a fix; every other passed. */
    static PreflightCheck onlyFailed(PreflightReport report, String name) {
        assertThat(report.checks()).filteredOn(c -> !c.passed()).as(report.toString())
                .extracting(PreflightCheck::name).containsExactly(name);
        PreflightCheck failed = report.check(name);
        assertThat(failed.fix()).isNotBlank();
        return failed;
    }
}
