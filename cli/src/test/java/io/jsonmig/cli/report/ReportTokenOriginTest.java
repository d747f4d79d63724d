package io.jsonmig.cli.report;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/** The API token goes only to the verification-service the operator configured, not to any host an event names. */
class ReportTokenOriginTest {

    private static final URI TRUSTED = URI.create("http://127.0.0.1:8083");

    @Test
    void aReportAtTheConfiguredServiceGetsTheToken() {
        assertThat(VerificationReportClient.sameOrigin(URI.create("http://127.0.0.1:8083/verifications/mig-1"), TRUSTED))
                .isTrue();
        assertThat(VerificationReportClient.sameOrigin(URI.create("HTTP://127.0.0.1:8083/verifications/mig-1"), TRUSTED))
                .isTrue();
        assertThat(VerificationReportClient.sameOrigin(URI.create("https://verify.internal/v"),
                URI.create("https://verify.internal:443"))).isTrue();
    }

    @Test
    void anotherHostPortOrSchemeDoesNot() {
        assertThat(VerificationReportClient.sameOrigin(URI.create("http://attacker.example:8083/verifications/mig-1"),
                TRUSTED)).isFalse();
        assertThat(VerificationReportClient.sameOrigin(URI.create("http://127.0.0.1:9999/verifications/mig-1"), TRUSTED))
                .isFalse();
        assertThat(VerificationReportClient.sameOrigin(URI.create("https://127.0.0.1:8083/verifications/mig-1"), TRUSTED))
                .isFalse();
        assertThat(VerificationReportClient.sameOrigin(URI.create("http://127.0.0.1.attacker.example:8083/"), TRUSTED))
                .isFalse();
    }
}
