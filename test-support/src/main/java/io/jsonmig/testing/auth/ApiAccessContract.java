package io.jsonmig.testing.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jsonmig.testing.openapi.ResourceMethods;
import io.restassured.RestAssured;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

/**
 * Who may call a service's HTTP API, for a service's {@code @QuarkusTest} to extend with one {@link Call} for each
 * of its resource methods (found in its compiled classes: a method without a call fails the test). Every method
 * names its roles; without a credential, or with an unknown one, every call but an open one is 401 with a JSON
 * error; a viewer on an operator's call is 403 with a JSON error; an operator (and a viewer on a viewer's call)
 * gets the call's own answer. No credential appears in the service's log.
 */
public abstract class ApiAccessContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * One request that reaches a resource method: {@code endpoint} as "METHOD /template" (as the OpenAPI document
     * names it), the concrete path, an optional JSON body, and the status an operator gets.
     */
    public record Call(String endpoint, String path, String body, int operatorStatus) {
        public static Call of(String endpoint, String path, int operatorStatus) {
            return new Call(endpoint, path, null, operatorStatus);
        }

        public Call withBody(String json) {
            return new Call(endpoint, path, json, operatorStatus);
        }

        String method() {
            return endpoint.substring(0, endpoint.indexOf(' '));
        }
    }

    /** One call for every resource method of the service, in an order in which they may run (create before delete). */
    protected abstract List<Call> calls();

    private final List<String> logged = new ArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record.getMessage() + " " + (record.getParameters() == null ? ""
                        : List.of(record.getParameters())) + " " + (record.getThrown() == null ? "" : record.getThrown()));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheLog() {
        Logger.getLogger("").addHandler(logCapture);
    }

    @AfterEach
    void noCredentialIsLogged() {
        Logger.getLogger("").removeHandler(logCapture);
        synchronized (logged) {
            assertThat(logged).as("log lines during the test").noneMatch(line -> line.contains(TestApiCredentials.OPERATOR_TOKEN)
                    || line.contains(TestApiCredentials.VIEWER_TOKEN) || line.contains(TestApiCredentials.VIEWER_PASSWORD)
                    || line.contains("not-a-jsonmig-token"));
        }
    }

    @Test
    void everyResourceMethodNamesItsRoles() {
        Map<ResourceMethods.Endpoint, Method> methods = ResourceMethods.withMethods(Path.of("target/classes"));
        assertThat(methods).as("resource methods of the service").isNotEmpty();
        assertSoftly(softly -> methods.forEach((endpoint, method) -> {
            RolesAllowed roles = rolesOf(method);
            softly.assertThat(roles != null || permitted(method)).as("%s names its roles (@RolesAllowed or @PermitAll)", endpoint).isTrue();
            if (roles != null) {
                softly.assertThat(Set.of(roles.value())).as("%s's roles", endpoint).isSubsetOf("operator", "viewer");
                if (!endpoint.httpMethod().equals("get")) {
                    softly.assertThat(Set.of(roles.value())).as("%s changes or starts something: operator only", endpoint)
                            .containsExactly("operator");
                }
            }
        }));
    }

    @Test
    void everyResourceMethodHasACall() {
        Set<String> declared = ResourceMethods.in(Path.of("target/classes")).stream()
                .map(e -> e.httpMethod().toUpperCase(Locale.ROOT) + " " + e.path()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> called = calls().stream().map(Call::endpoint).collect(Collectors.toCollection(TreeSet::new));
        assertThat(called).isEqualTo(declared);
    }

    @Test
    void withoutACredentialOrWithAWrongOneEveryCallButTheOpenOnesIs401WithAJsonError() {
        Set<String> open = openEndpoints();
        assertSoftly(softly -> {
            for (Call call : calls()) {
                for (String authorization : new String[]{null, "Bearer not-a-jsonmig-token",
                        "Basic " + java.util.Base64.getEncoder().encodeToString("test-viewer:wrong".getBytes())}) {
                    HttpResponse<String> response = send(call, authorization);
                    if (open.contains(call.endpoint())) {
                        softly.assertThat(response.statusCode()).as("%s is open", call.endpoint()).isEqualTo(call.operatorStatus());
                        continue;
                    }
                    softly.assertThat(response.statusCode()).as("%s with %s", call.endpoint(), describe(authorization)).isEqualTo(401);
                    softly.assertThat(response.headers().firstValue("WWW-Authenticate")).as("%s's challenge", call.endpoint())
                            .hasValueSatisfying(challenge -> assertThat(challenge).contains("Bearer"));
                    softly.assertThat(error(response)).as("%s's JSON error", call.endpoint()).contains("authentication required");
                }
            }
        });
    }

    @Test
    void aViewerOnAnOperatorsCallIs403WithAJsonErrorAndGetsEveryViewersCall() {
        assertSoftly(softly -> {
            for (Call call : calls()) {
                boolean operatorOnly = operatorEndpoints().contains(call.endpoint());
                for (String viewer : List.of(TestApiCredentials.viewerAuthorization(), TestApiCredentials.viewerBasicAuthorization())) {
                    HttpResponse<String> response = send(call, viewer);
                    if (operatorOnly) {
                        softly.assertThat(response.statusCode()).as("viewer (%s) on %s", describe(viewer), call.endpoint()).isEqualTo(403);
                        softly.assertThat(error(response)).as("%s's JSON error", call.endpoint()).contains("operator");
                    } else {
                        softly.assertThat(response.statusCode()).as("viewer (%s) on %s: %s", describe(viewer), call.endpoint(),
                                response.body()).isEqualTo(call.operatorStatus());
                    }
                }
            }
        });
    }

    @Test
    void anOperatorGetsEveryCallsAnswer() {
        assertSoftly(softly -> {
            for (Call call : calls()) {
                HttpResponse<String> response = send(call, TestApiCredentials.operatorAuthorization());
                softly.assertThat(response.statusCode()).as("operator on %s: %s", call.endpoint(), response.body())
                        .isEqualTo(call.operatorStatus());
            }
        });
    }

    private static String describe(String authorization) {
        return authorization == null ? "no credential" : authorization.substring(0, authorization.indexOf(' ')) + " credential";
    }

    private Set<String> operatorEndpoints() {
        return endpointsWhere(method -> {
            RolesAllowed roles = rolesOf(method);
            return roles != null && !Set.of(roles.value()).contains("viewer");
        });
    }

    private Set<String> openEndpoints() {
        return endpointsWhere(ApiAccessContract::permitted);
    }

    private static Set<String> endpointsWhere(java.util.function.Predicate<Method> test) {
        return ResourceMethods.withMethods(Path.of("target/classes")).entrySet().stream()
                .filter(e -> test.test(e.getValue()))
                .map(e -> e.getKey().httpMethod().toUpperCase(Locale.ROOT) + " " + e.getKey().path())
                .collect(Collectors.toSet());
    }

    private static RolesAllowed rolesOf(Method method) {
        RolesAllowed roles = method.getAnnotation(RolesAllowed.class);
        return roles != null ? roles : method.getDeclaringClass().getAnnotation(RolesAllowed.class);
    }

    private static boolean permitted(Method method) {
        return method.isAnnotationPresent(PermitAll.class);
    }

    private static String error(HttpResponse<String> response) {
        assertThat(response.headers().firstValue("Content-Type")).as("content type of %s", response.uri())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        try {
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.hasNonNull("error")).as("%s has an error", response.body()).isTrue();
            return body.get("error").asText();
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static HttpResponse<String> send(Call call, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + call.path()))
                .timeout(Duration.ofSeconds(30))
                .method(call.method(), call.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(call.body()));
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send " + call.endpoint(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
