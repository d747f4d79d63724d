package io.jsonmig.notification.preflight;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The channel configuration of {@link PreflightTest}: e-mail over SMTP to a port the test runs (and
 * stops) a GreenMail server on, one e-mail and one webhook subscription declared in configuration,
 * the webhook to a port the test runs an HTTP server on, and a named group.
 */
public class ChannelServersResource implements QuarkusTestResourceLifecycleManager {

    /** Ports for the test, as system properties: test resources and tests have different class loaders. */
    static final String SMTP_PORT = "io.jsonmig.test.preflight.smtp-port";
    static final String HOOK_PORT = "io.jsonmig.test.preflight.hook-port";
    static final String HOOK_PATH = "/hooks/T0001/B0002/path-secret-4711";

    @Override
    public Map<String, String> start() {
        int smtp = freePort();
        int hook = freePort();
        System.setProperty(SMTP_PORT, Integer.toString(smtp));
        System.setProperty(HOOK_PORT, Integer.toString(hook));
        return Map.ofEntries(
                Map.entry("quarkus.mailer.mock", "false"),
                Map.entry("quarkus.mailer.host", "127.0.0.1"),
                Map.entry("quarkus.mailer.port", Integer.toString(smtp)),
                Map.entry("quarkus.mailer.start-tls", "DISABLED"),
                Map.entry("jsonmig.notification.delivery.send-timeout", "2s"),
                Map.entry("jsonmig.notification.groups.night-shift.receives", "operators"),
                Map.entry("jsonmig.notification.subscriptions.ops-mail.audience", "operators"),
                Map.entry("jsonmig.notification.subscriptions.ops-mail.channel", "email"),
                Map.entry("jsonmig.notification.subscriptions.ops-mail.target", "ops@example.com"),
                Map.entry("jsonmig.notification.subscriptions.partner-hook.audience", "stakeholders"),
                Map.entry("jsonmig.notification.subscriptions.partner-hook.channel", "slack"),
                Map.entry("jsonmig.notification.subscriptions.partner-hook.target", "http://127.0.0.1:" + hook + HOOK_PATH),
                Map.entry("jsonmig.notification.subscriptions.partner-hook.secret", "preflight-secret-0123456789"));
    }

    @Override
    public void stop() {
        System.clearProperty(SMTP_PORT);
        System.clearProperty(HOOK_PORT);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
