package io.jsonmig.cli.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightReport;
import io.jsonmig.events.serde.EventJson;

import com.fasterxml.jackson.databind.JsonNode;

import io.jsonmig.cli.config.ApiCredential;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Asks one service, at its base URL, whether it is ready and what it finds of a run before it starts. */
final class ServiceClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(5);
    /** The services read every source file and every record to answer: a large source takes a while. */
    static final Duration PREFLIGHT_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final String service;
    private final String baseUrl;
    private final Optional<String> authorization;

    ServiceClient(String service, String baseUrl, Optional<String> authorization) {
        this.service = service;
        this.authorization = authorization;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    String service() {
        return service;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** What {@code /q/health/ready} said; {@code answered} is false when nothing answered at all. */
    record Readiness(boolean answered, boolean ready, String detail) {
    }

    Readiness readiness() {
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready")).timeout(READY_TIMEOUT)
                    .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | IllegalArgumentException e) {
            return new Readiness(false, false, "no answer at " + baseUrl + ": " + describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Readiness(false, false, "interrupted");
        }
        if (response.statusCode() == 200) {
            return new Readiness(true, true, baseUrl);
        }
        return new Readiness(true, false, "not ready (HTTP " + response.statusCode() + ")" + downChecks(response.body()));
    }

    /**
     * The service's preflight report of the run.
     *
     * @throws IOException naming what went wrong: no answer, an error status with the service's message,
     *                     an answer that is not a report
     */
    PreflightReport preflight(RunSpec spec) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/preflight"))
                    .timeout(PREFLIGHT_TIMEOUT)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(EventJson.mapper().writeValueAsString(spec)));
            authorization.ifPresent(value -> request.header("Authorization", value));
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IOException("no answer from " + baseUrl + "/preflight: " + describe(e), e);
        }
        if (response.statusCode() != 200) {
            throw new IOException(service + " answered POST /preflight with HTTP " + response.statusCode()
                    + errorOf(response.body()) + (response.statusCode() == 401 || response.statusCode() == 403
                    ? "; " + ApiCredential.HINT : ""));
        }
        try {
            return EventJson.mapper().readValue(response.body(), PreflightReport.class);
        } catch (IOException e) {
            throw new IOException(service + " answered POST /preflight with something that is not a preflight report: "
                    + e.getMessage(), e);
        }
    }

    private static String downChecks(String body) {
        try {
            JsonNode health = EventJson.mapper().readTree(body);
            List<String> down = new ArrayList<>();
            health.path("checks").forEach(c -> {
                if (!"UP".equals(c.path("status").asText())) {
                    down.add(c.path("name").asText());
                }
            });
            return down.isEmpty() ? "" : ": down " + String.join(", ", down);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String errorOf(String body) {
        try {
            JsonNode answer = EventJson.mapper().readTree(body);
            if (answer != null && answer.hasNonNull("error")) {
                return ": " + answer.get("error").asText();
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the status says enough
        }
        return "";
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? "connection refused or lost (" + e.getClass().getSimpleName() + ")"
                : e.getMessage();
    }
}
