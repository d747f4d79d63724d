package io.jsonmig.verification.smoke;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One HTTP call of a check (a smoke check, a stabilization probe): the method, the expected status, the
 * text the body must contain, under a timeout for the whole call. The URL is named without its query
 * string wherever the outcome mentions it, as it may carry a token.
 */
public final class HttpCall {

    /** A body is read this far for {@code bodyContains}: a check looks for a marker, not at a download. */
    static final int MAX_BODY_BYTES = 1 << 20;

    /** One client per connect timeout: its connections are kept alive between calls, as the application's users' are. */
    private static final Map<Duration, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    /**
     * @param status   what the application answered; {@code null} when it did not answer
     * @param answered whether any HTTP answer came (a wrong status or body is an answer; a refused connection or a
     *                 timeout is not)
     * @param problem  what was wrong, starting with the method and URL; {@code null} when it passed
     */
    public record Outcome(Integer status, boolean passed, boolean answered, double millis, String problem) {
    }

    private HttpCall() {
    }

    public static Outcome call(String url, String method, int expectedStatus, String bodyContains, Duration timeout) {
        long started = System.nanoTime();
        String shown = method + " " + withoutQuery(url);
        try {
            HttpClient client = CLIENTS.computeIfAbsent(timeout, t -> HttpClient.newBuilder().connectTimeout(t).build());
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = bodyContains == null ? null : new String(in.readNBytes(MAX_BODY_BYTES), StandardCharsets.UTF_8);
            }
            double millis = millis(started);
            int status = response.statusCode();
            if (status != expectedStatus) {
                return new Outcome(status, false, true, millis, shown + " answered " + status + ", expected "
                        + expectedStatus);
            }
            if (bodyContains != null && !body.contains(bodyContains)) {
                return new Outcome(status, false, true, millis, shown + " answered " + status
                        + " without \"" + bodyContains + "\" in its body");
            }
            return new Outcome(status, true, true, millis, null);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, false, false, millis(started), shown + " is not a valid URL");
        } catch (HttpTimeoutException e) {
            return new Outcome(null, false, false, millis(started), shown + " got no answer within "
                    + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Outcome(null, false, false, millis(started), shown + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, false, false, millis(started), shown + " interrupted");
        }
    }

    /** {@code scheme://host:port/path}, and {@code ?…} in place of a query string. */
    public static String withoutQuery(String url) {
        int query = url.indexOf('?');
        int fragment = url.indexOf('#');
        int end = query >= 0 ? query : fragment >= 0 ? fragment : url.length();
        return url.substring(0, end) + (query >= 0 ? "?…" : "");
    }

    private static double millis(long started) {
        return (System.nanoTime() - started) / 1_000_000.0;
    }
}
