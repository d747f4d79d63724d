package io.jsonmig.cli.plan;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP peer standing in for migration-service's {@code POST /plans} behind authentication: a request with
 * {@code Authorization: Bearer <TOKEN>} gets a plan; any other gets 401 with the services' JSON error.
 */
final class TokenCheckingPlanService {

    static final String TOKEN = "cli-test-token-5d1e0b7a";
    static final AtomicReference<String> LAST_AUTHORIZATION = new AtomicReference<>();
    static final HttpServer SERVER = start();

    private TokenCheckingPlanService() {
    }

    static int port() {
        return SERVER.getAddress().getPort();
    }

    private static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/plans", TokenCheckingPlanService::plans);
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void plans(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        LAST_AUTHORIZATION.set(authorization == null ? "" : authorization);
        if (("Bearer " + TOKEN).equals(authorization)) {
            answer(exchange, 200, PlanCommandTest.COMPLETE_PLAN);
        } else {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"jsonmig\"");
            answer(exchange, 401, "{\"error\": \"authentication required: send 'Authorization: Bearer <token>'\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
