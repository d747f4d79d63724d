package io.jsonmig.testing.tracing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Turns tracing on in a Quarkus test: an {@link OtlpReceiver} started before the application, which exports
 * every span to it within a fraction of a second.
 */
public class OtlpReceiverResource implements QuarkusTestResourceLifecycleManager {

    private static OtlpReceiver receiver;

    public static OtlpReceiver receiver() {
        return receiver;
    }

    @Override
    public Map<String, String> start() {
        try {
            receiver = OtlpReceiver.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("jsonmig.otel.endpoint", receiver.endpoint(),
                "quarkus.otel.exporter.otlp.endpoint", receiver.endpoint(),
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    @Override
    public void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }
}
