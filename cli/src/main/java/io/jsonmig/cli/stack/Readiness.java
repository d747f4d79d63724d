package io.jsonmig.cli.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a service's readiness endpoint ({@code /q/health/ready}: Kafka and its database are up). */
final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Readiness() {
    }

    static boolean isReady(ServiceDefinition service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.readinessUrl()))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
