package io.jsonmig.e2e.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitoring files hold together: docker-compose mounts what exists where Prometheus and Grafana look
 * for it, every alert has what Alertmanager and its readers need, every dashboard panel queries something.
 * That the metric names are real is EndToEndIT's check, against the running services.
 */
class MonitoringFilesTest {

    private static final Path HOME = Path.of(System.getProperty("jsonmig.home", "..")).toAbsolutePath().normalize();
    private final MonitoringFiles files = new MonitoringFiles(HOME);

    @Test
    void theAlertRulesCoverWhatAnOnCallEngineerMustBeWokenFor() {
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : files.alertRules().path("groups")) {
            assertThat(group.path("name").asText()).isNotBlank();
            for (JsonNode rule : group.path("rules")) {
                alerts.add(rule.path("alert").asText());
                assertThat(rule.path("expr").asText()).as(rule.path("alert").asText()).isNotBlank();
                assertThat(rule.path("labels").path("severity").asText()).isIn("critical", "warning");
                assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
                if (rule.has("for")) {
                    assertThat(rule.path("for").asText()).matches("\\d+[smh]");
                }
            }
        }
        assertThat(alerts).containsExactlyInAnyOrder("JsonmigRunStalled", "JsonmigPhaseFailed",
                "JsonmigDeadLettersGrowing", "JsonmigDeliveriesFailing", "JsonmigJobWaitingTooLong");
    }

    @Test
    void theDashboardQueriesJsonmigsMetricsInEveryPanel() {
        JsonNode dashboard = files.dashboard();
        assertThat(dashboard.path("uid").asText()).isEqualTo("jsonmig");
        assertThat(dashboard.path("panels")).isNotEmpty();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            assertThat(panel.path("datasource").path("uid").asText()).isEqualTo("prometheus");
        }
        assertThat(files.metricNames()).contains("jsonmig_phase_duration_seconds_bucket",
                "jsonmig_load_rows_per_second", "jsonmig_records_rejected_total", "jsonmig_jobs",
                "kafka_consumer_fetch_manager_records_lag_max", "agroal_active_count", "jsonmig_deliveries_total");
    }

    @Test
    void dockerComposeProvisionsPrometheusAndGrafanaWithTheseFiles() {
        JsonNode services = files.compose().path("services");
        JsonNode prometheus = services.path("prometheus");
        JsonNode grafana = services.path("grafana");
        assertThat(prometheus.isMissingNode()).isFalse();
        assertThat(grafana.isMissingNode()).isFalse();
        List<String> mounts = new ArrayList<>();
        prometheus.path("volumes").forEach(v -> mounts.add(v.asText()));
        grafana.path("volumes").forEach(v -> mounts.add(v.asText()));
        List<String> targets = new ArrayList<>();
        for (String mount : mounts) {
            String source = mount.split(":")[0];
            if (source.startsWith("./")) {
                assertThat(Files.exists(HOME.resolve(source.substring(2)))).as(mount).isTrue();
            }
            targets.add(mount.split(":")[1]);
        }
        JsonNode config = files.prometheusConfig();
        config.path("rule_files").forEach(rules -> assertThat(targets).contains(rules.asText()));
        assertThat(targets).contains("/etc/prometheus/prometheus.yml", "/etc/grafana/provisioning",
                "/var/lib/grafana/dashboards");

        List<String> scraped = new ArrayList<>();
        for (JsonNode job : config.path("scrape_configs")) {
            assertThat(job.path("metrics_path").asText()).isEqualTo("/q/metrics");
            job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> scraped.add(t.asText())));
        }
        assertThat(scraped).containsExactlyInAnyOrder("backup-service:8080", "migration-service:8080",
                "verification-service:8080", "notification-service:8080");
        scraped.forEach(target -> assertThat(services.has(target.split(":")[0])).as(target).isTrue());
    }

    @Test
    void dockerComposeSendsEveryServicesTracesToJaegerOverOtlpHttp() {
        JsonNode services = files.compose().path("services");
        JsonNode jaeger = services.path("jaeger");
        assertThat(jaeger.isMissingNode()).isFalse();
        List<String> ports = new ArrayList<>();
        jaeger.path("ports").forEach(p -> ports.add(p.asText()));
        assertThat(ports).contains("4318:4318", "16686:16686");
        // the environment every service merges from x-service (<<: *service)
        assertThat(files.compose().path("x-service").path("environment").path("JSONMIG_OTEL_ENDPOINT").asText())
                .isEqualTo("${JSONMIG_OTEL_ENDPOINT-http://jaeger:4318}");
        for (String service : List.of("backup-service", "migration-service", "verification-service",
                "notification-service")) {
            assertThat(services.path(service).has("<<")).as(service + " merges x-service").isTrue();
        }
    }

    @Test
    void metricNamesAreTheSelectorsOfAnExpressionNotItsFunctionsOrLabels() {
        assertThat(MonitoringFiles.metricNames("histogram_quantile(0.95, sum by (le, phase) "
                + "(rate(jsonmig_phase_duration_seconds_bucket{outcome=\"failed\"}[$__rate_interval])))"))
                .containsExactly("jsonmig_phase_duration_seconds_bucket");
        assertThat(MonitoringFiles.metricNames("sum(jsonmig_runs{status=~\"running\"}) > 0 and "
                + "sum(increase(jsonmig_events_published_total[15m])) == 0"))
                .containsExactly("jsonmig_events_published_total", "jsonmig_runs");
    }
}
