package io.jsonmig.cli.report;

import io.jsonmig.cli.config.ApiCredential;
import io.jsonmig.cli.stack.StackSettings;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads a run's verification report from verification-service ({@code GET /verifications/{id}}), with a
 * short timeout: the report command falls back to what the verification event holds.
 */
@ApplicationScoped
public class VerificationReportClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final StackSettings settings;
    private final ApiCredential credential;

    public VerificationReportClient(StackSettings settings, ApiCredential credential) {
        this.settings = settings;
        this.credential = credential;
    }

    /** The report's URL at the local stack's verification-service, for events that name none. */
    String defaultLocation(String migrationId) {
        return location(defaultServiceUrl(), migrationId);
    }

    /** The configured verification-service: the one the API token is sent to unless --service-url names another. */
    String defaultServiceUrl() {
        return settings.service("verification-service").baseUrl();
    }

    /**
     * Whether a location lies at the service the operator trusts with the token (same scheme, host and port): a
     * report location comes from an event, and whoever can write to Kafka could name a host of their own.
     */
    static boolean sameOrigin(URI location, URI trusted) {
        return location.getScheme() != null && location.getScheme().equalsIgnoreCase(trusted.getScheme())
                && location.getHost() != null && location.getHost().equalsIgnoreCase(trusted.getHost())
                && port(location) == port(trusted);
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** The report's URL at a verification-service's base URL. */
    static String location(String serviceUrl, String migrationId) {
        return serviceUrl.replaceAll("/+$", "") + "/verifications/" + migrationId;
    }

    /**
     * @param location   the report's JSON URL
     * @param attempt    the attempt the report must be of (the latest verification event's)
     * @param trustedUrl the verification-service the API token may be sent to
     */
    ServiceReport fetch(String location, String migrationId, int attempt, String trustedUrl) {
        URI uri;
        try {
            uri = URI.create(location);
        } catch (IllegalArgumentException e) {
            return ServiceReport.unavailable("the report location '" + location + "' is not a URL: " + e.getMessage());
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            return ServiceReport.unavailable("the report location '" + location + "' is not an http(s) URL");
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).header("Accept", "application/json").timeout(ANSWER_TIMEOUT)
                .GET();
        boolean trusted = sameOrigin(uri, URI.create(trustedUrl));
        if (trusted) {
            credential.authorization().ifPresent(authorization -> builder.header("Authorization", authorization));
        }
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build()
                    .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            return ServiceReport.unavailable("verification-service did not answer at " + location + " within "
                    + ANSWER_TIMEOUT.toSeconds() + "s");
        } catch (IOException e) {
            return ServiceReport.unavailable("verification-service could not be reached at " + location + " ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ServiceReport.unavailable("interrupted while asking verification-service at " + location);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() != 200) {
            String said = answer != null && answer.hasNonNull("error") ? ": " + answer.get("error").asText() : "";
            return ServiceReport.unavailable("verification-service answered HTTP " + response.statusCode() + " at "
                    + location + said + (response.statusCode() != 401 && response.statusCode() != 403 ? ""
                    : trusted ? "; " + ApiCredential.HINT
                    : "; the API token is sent only to " + trustedUrl + ": give --service-url to send it to "
                    + uri.getScheme() + "://" + uri.getAuthority()));
        }
        if (answer == null || !answer.isObject() || !migrationId.equals(answer.path("migrationId").asText())) {
            return ServiceReport.unavailable("what " + location + " answered is not the verification report of run "
                    + migrationId);
        }
        if (answer.path("attempt").asInt() != attempt) {
            return ServiceReport.unavailable("verification-service at " + location + " holds the report of attempt "
                    + answer.path("attempt").asInt() + ", not of attempt " + attempt + " that the run's latest "
                    + "verification event is of");
        }
        return ServiceReport.of(answer);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}
