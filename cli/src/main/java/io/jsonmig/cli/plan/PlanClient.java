package io.jsonmig.cli.plan;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.config.ApiCredential;
import io.jsonmig.cli.stack.StackSettings;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks migration-service for a mapping plan ({@code POST /plans}). By default the service is the one
 * the local stack runs ({@code JSONMIG_SERVICE_HOST}, {@code JSONMIG_MIGRATION_PORT}).
 */
@ApplicationScoped
public class PlanClient {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final StackSettings settings;
    private final ApiCredential credential;

    public PlanClient(StackSettings settings, ApiCredential credential) {
        this.settings = settings;
        this.credential = credential;
    }

    /** Where the local stack's migration-service listens. */
    public String defaultServiceUrl() {
        return settings.service("migration-service").baseUrl();
    }

    /**
     * @param serviceUrl migration-service's base URL
     * @param schemaDir  may be null
     * @return the plan document
     */
    public JsonNode plan(String serviceUrl, String sourceDir, String targetProfile, String schemaDir) {
        ObjectNode body = JSON.createObjectNode().put("sourceDir", sourceDir).put("targetProfile", targetProfile);
        if (schemaDir != null) {
            body.put("schemaDir", schemaDir);
        }
        String base = serviceUrl.endsWith("/") ? serviceUrl.substring(0, serviceUrl.length() - 1) : serviceUrl;
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + "/plans"))
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            credential.authorization().ifPresent(authorization -> builder.header("Authorization", authorization));
            request = builder.build();
        } catch (IllegalArgumentException | IOException e) {
            throw new CliException("migration-service URL '" + serviceUrl + "' is not usable: " + e.getMessage());
        }
        HttpResponse<String> response;
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException("cannot reach migration-service at " + base + " (" + describe(e) + "); start it "
                    + "with './jsonmig stack up', or give its address with --service-url");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for migration-service at " + base, e);
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() != 200) {
            throw new CliException(refusal(base, response.statusCode(), answer, response.body()));
        }
        if (answer == null || !answer.isObject() || !answer.has("mapping")) {
            throw new CliException("migration-service at " + base + " answered POST /plans with something that is "
                    + "not a plan (HTTP " + response.statusCode() + ")");
        }
        return answer;
    }

    private static String refusal(String base, int status, JsonNode answer, String raw) {
        if (status == 401 || status == 403) {
            return "migration-service at " + base + " refused POST /plans (HTTP " + status + ")"
                    + (answer != null && answer.hasNonNull("error") ? ": " + answer.get("error").asText() : "")
                    + "; " + ApiCredential.HINT;
        }
        if (answer != null && answer.hasNonNull("message")) {
            JsonNode problems = answer.get("problems");
            if (problems == null || problems.size() < 2) {
                return answer.get("message").asText();
            }
            StringBuilder message = new StringBuilder(problems.size() + " problems:");
            problems.forEach(p -> message.append("\n  ").append(p.asText()));
            return message.toString();
        }
        String text = raw == null ? "" : raw.strip();
        return "migration-service at " + base + " refused the plan (HTTP " + status + ")"
                + (text.isEmpty() ? "" : ": " + (text.length() > 300 ? text.substring(0, 300) + "…" : text));
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? "connection refused or lost: " + e.getClass().getSimpleName() : e.getMessage();
    }
}
