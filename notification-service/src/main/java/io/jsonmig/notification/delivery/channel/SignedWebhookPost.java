package io.jsonmig.notification.delivery.channel;

import io.jsonmig.events.serde.EventJson;
import io.jsonmig.notification.delivery.DeliveryConfig;
import io.jsonmig.notification.delivery.PendingDelivery;
import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * POSTs a JSON body to a webhook, signed so the receiver can trust it:
 * {@code X-Jsonmig-Signature: sha256=<hex HMAC-SHA256 of timestamp + "." + body>} with
 * {@code X-Jsonmig-Timestamp} (epoch seconds) and {@code X-Jsonmig-Delivery}, the same on every
 * attempt. A 2xx answer within the send timeout is a delivery; anything else fails the attempt.
 * Errors name the host only: a webhook URL's path may itself be a credential.
 */
@ApplicationScoped
class SignedWebhookPost {

    static final String SIGNATURE = "X-Jsonmig-Signature";
    static final String TIMESTAMP = "X-Jsonmig-Timestamp";
    static final String DELIVERY = "X-Jsonmig-Delivery";

    private final HttpClient client;
    private final DeliveryConfig config;
    private final Clock clock;

    SignedWebhookPost(DeliveryConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.sendTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Map entries in key order: every attempt of a delivery sends the same bytes, even after a restart. */
    private static final ObjectMapper JSON = EventJson.mapper().copy()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    void post(PendingDelivery delivery, Object message) throws IOException, InterruptedException {
        byte[] body = JSON.writeValueAsBytes(message);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] signed = concat((timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        URI url = URI.create(delivery.target());
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(config.sendTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "jsonmig-notification-service")
                .header(DELIVERY, delivery.deliveryId())
                .header(TIMESTAMP, timestamp)
                .header(SIGNATURE, "sha256=" + delivery.secret().sign(signed))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<Void> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IOException(url.getHost() + ": " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException(url.getHost() + " answered HTTP " + response.statusCode());
        }
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = new byte[first.length + second.length];
        System.arraycopy(first, 0, both, 0, first.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
