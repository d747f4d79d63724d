package io.jsonmig.notification.delivery;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * A real SMTP server (GreenMail, on a free port) and the delivery configuration of
 * {@link DeliveryTest}: fast retries, a short send timeout, allowed webhook hosts, a named group and
 * two subscriptions declared in configuration.
 */
public class MailAndDeliveryResource implements QuarkusTestResourceLifecycleManager {

    /**
     * The IMAP port the test reads the mail from, as a system property: Quarkus loads test resources
     * and test code through different class loaders. Not under {@code jsonmig.} (config mappings).
     */
    static final String IMAP_PORT = "io.jsonmig.test.imap-port";
    static final String CONFIG_SECRET = "config-declared-secret-7c1e44d0";

    private GreenMail greenMail;

    @Override
    public Map<String, String> start() {
        // each recipient gets a mailbox on receipt, with its address as login and password
        greenMail = new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
        greenMail.start();
        System.setProperty(IMAP_PORT, Integer.toString(greenMail.getImap().getPort()));
        return Map.ofEntries(
                Map.entry("quarkus.mailer.mock", "false"),
                Map.entry("quarkus.mailer.host", "127.0.0.1"),
                Map.entry("quarkus.mailer.port", Integer.toString(greenMail.getSmtp().getPort())),
                Map.entry("quarkus.mailer.from", "jsonmig@example.com"),
                Map.entry("quarkus.mailer.start-tls", "DISABLED"),
                Map.entry("jsonmig.notification.delivery.initial-delay", "300ms"),
                Map.entry("jsonmig.notification.delivery.max-delay", "1s"),
                Map.entry("jsonmig.notification.delivery.max-attempts", "3"),
                Map.entry("jsonmig.notification.delivery.send-timeout", "5s"),
                Map.entry("jsonmig.notification.webhooks.allowed-hosts", "127.0.0.1,hooks.example.com"),
                Map.entry("jsonmig.notification.groups.night-shift.receives", "operators"),
                Map.entry("jsonmig.notification.subscriptions.oncall.audience", "operators"),
                Map.entry("jsonmig.notification.subscriptions.oncall.channel", "email"),
                Map.entry("jsonmig.notification.subscriptions.oncall.target", "oncall@example.com"),
                Map.entry("jsonmig.notification.subscriptions.oncall.min-severity", "critical"),
                Map.entry("jsonmig.notification.subscriptions.partner-hook.audience", "stakeholders"),
                Map.entry("jsonmig.notification.subscriptions.partner-hook.channel", "webhook"),
                Map.entry("jsonmig.notification.subscriptions.partner-hook.target", "https://hooks.example.com/jsonmig"),
                Map.entry("jsonmig.notification.subscriptions.partner-hook.secret", CONFIG_SECRET),
                Map.entry("jsonmig.notification.subscriptions.partner-hook.events", "cutover.ready,datasource.reverted"),
                // a run that never happens: the partner is not called from the tests
                Map.entry("jsonmig.notification.subscriptions.partner-hook.migration-id", "mig-19990101-000000-0000"));
    }

    @Override
    public void stop() {
        System.clearProperty(IMAP_PORT);
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
