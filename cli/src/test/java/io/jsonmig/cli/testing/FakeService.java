package io.jsonmig.cli.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Stands in for a service's {@code quarkus-run.jar} in the stack tests: answers readiness on
 * {@code -Dquarkus.http.port} and writes the JSONMIG_* environment it was given to
 * {@code env.properties} beside its jar.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Properties env = new Properties();
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("JSONMIG_")) {
                env.setProperty(name, value);
            }
        });
        Path written = jar.resolveSibling("env.properties.tmp");
        try (OutputStream out = Files.newOutputStream(written)) {
            env.store(out, "environment of the fake service");
        }
        Files.move(written, jar.resolveSibling("env.properties"), StandardCopyOption.ATOMIC_MOVE);

        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.getInteger("quarkus.http.port")), 0);
        server.createContext("/q/health/ready", FakeService::ready);
        server.start();
    }

    private static void ready(HttpExchange exchange) throws IOException {
        byte[] body = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
