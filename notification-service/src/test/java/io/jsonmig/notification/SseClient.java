package io.jsonmig.notification;

import io.jsonmig.testing.auth.TestApiCredentials;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client over the JDK HTTP client, for tests: reads the stream on its own
 * thread and keeps every frame (event or comment) it has read, in order.
 */
final class SseClient implements AutoCloseable {

    /** One frame of the stream: the fields of an event, or a comment line. */
    record Frame(String id, String event, String data, String comment) {
    }

    private final Queue<Frame> frames = new ConcurrentLinkedQueue<>();
    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final HttpResponse<Stream<String>> response;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            reader.execute(this::read);
        }
    }

    static SseClient open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .header("Authorization", TestApiCredentials.viewerAuthorization());
        headers.forEach(request::header);
        try {
            return new SseClient(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    /** The body of a response that is not a stream (an error). */
    String body() {
        return String.join("\n", response.body().toList());
    }

    List<Frame> frames() {
        return new ArrayList<>(frames);
    }

    List<Frame> events() {
        return frames().stream().filter(f -> f.comment() == null).toList();
    }

    private void read() {
        try {
            readFrames();
        } catch (UncheckedIOException closed) {
            // the test closed the stream
        }
    }

    private void readFrames() {
        String id = null;
        String event = null;
        StringBuilder data = null;
        for (String line : (Iterable<String>) response.body()::iterator) {
            if (line.isEmpty()) {
                if (data != null || event != null) {
                    frames.add(new Frame(id, event, data == null ? null : data.toString(), null));
                }
                id = null;
                event = null;
                data = null;
            } else if (line.startsWith(":")) {
                frames.add(new Frame(null, null, null, line.substring(1).strip()));
            } else {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "id" -> id = value;
                    case "event" -> event = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        response.body().close();
        reader.shutdownNow();
    }
}
