package io.jsonmig.cli.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.events.preflight.PreflightChecks;
import io.jsonmig.events.preflight.PreflightReport;
import io.jsonmig.events.serde.EventJson;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real HTTP servers on 127.0.0.1 standing in for the four services: {@code /q/health/ready} answers 200,
 * {@code POST /preflight} answers every check of the service passed, except migration-service's
 * {@code target-privileges} for a run with target profile {@code readonly}.
 */
final class StandInServices {

    static final String FAILING_PROFILE = "readonly";
    static final String PRIVILEGES_FIX = "GRANT CREATE ON SCHEMA public TO app";

    /** Service name → its server, started once for the JVM. */
    static final Map<String, HttpServer> SERVERS = start();
    /** The last run spec each service was asked about. */
    static final Map<String, RunSpec> LAST_SPEC = new ConcurrentHashMap<>();

    private StandInServices() {
    }

    static Map<String, String> portConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jsonmig.stack.service-host", "127.0.0.1");
        SERVERS.forEach((name, server) -> config.put("jsonmig.stack.ports." + name,
                String.valueOf(server.getAddress().getPort())));
        return config;
    }

    private static Map<String, HttpServer> start() {
        Map<String, HttpServer> servers = new LinkedHashMap<>();
        for (String service : PreflightChecks.BY_SERVICE.keySet()) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                server.createContext("/q/health/ready", exchange -> answer(exchange, 200,
                        "{\"status\": \"UP\", \"checks\": []}"));
                server.createContext("/preflight", exchange -> preflight(service, exchange));
                server.start();
                servers.put(service, server);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return servers;
    }

    private static void preflight(String service, HttpExchange exchange) throws IOException {
        RunSpec spec = EventJson.mapper().readValue(exchange.getRequestBody(), RunSpec.class);
        LAST_SPEC.put(service, spec);
        List<PreflightCheck> checks = new ArrayList<>();
        for (String name : PreflightChecks.BY_SERVICE.get(service)) {
            checks.add(name.equals(PreflightChecks.TARGET_PRIVILEGES) && spec.targetProfile().equals(FAILING_PROFILE)
                    ? PreflightCheck.failed(name, "user app may not CREATE in schema public of database app",
                    PRIVILEGES_FIX)
                    : PreflightCheck.passed(name, "fine for " + spec.targetProfile()));
        }
        answer(exchange, 200, EventJson.mapper().writeValueAsString(new PreflightReport(service, checks)));
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
