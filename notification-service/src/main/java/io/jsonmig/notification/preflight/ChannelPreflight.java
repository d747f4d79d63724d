package io.jsonmig.notification.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.events.preflight.PreflightChecks;
import io.jsonmig.notification.delivery.DeliveryConfig;
import io.jsonmig.notification.subscription.Audiences;
import io.jsonmig.notification.subscription.Channel;
import io.jsonmig.notification.subscription.GroupConfig;
import io.jsonmig.notification.subscription.Subscription;
import io.jsonmig.notification.subscription.SubscriptionValidator;
import io.jsonmig.support.preflight.ServerProbe;
import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The notification side of a run's pre-flight checklist: can the channels that will tell people about
 * the run reach their servers now, and are the run's own recipients addresses the mail channel takes.
 * Nothing is sent: each server is only connected to (and the SMTP server's greeting read).
 */
@ApplicationScoped
public class ChannelPreflight {

    public static final String MAIL = PreflightChecks.MAIL_SERVER;
    public static final String WEBHOOKS = PreflightChecks.WEBHOOKS;
    public static final String RECIPIENTS = PreflightChecks.RECIPIENTS;

    private final Config config;
    private final GroupConfig groups;
    private final ServerProbe probe;

    public ChannelPreflight(Config config, GroupConfig groups, DeliveryConfig delivery) {
        this.config = config;
        this.groups = groups;
        // the delivery's send timeout, at most 5 s: a preflight must not keep the operator waiting
        this.probe = new ServerProbe(delivery.sendTimeout().compareTo(Duration.ofSeconds(5)) < 0
                ? delivery.sendTimeout() : Duration.ofSeconds(5));
    }

    public List<PreflightCheck> check(RunSpec spec) {
        List<Subscription> subscriptions = standing();
        return List.of(mail(spec, subscriptions), webhooks(subscriptions), recipients(spec));
    }

    /** The subscriptions that hear of any run: those scoped to one run belong to runs that exist already. */
    @Transactional
    List<Subscription> standing() {
        return Subscription.<Subscription>listAll().stream().filter(s -> s.migrationId == null).toList();
    }

    private PreflightCheck mail(RunSpec spec, List<Subscription> subscriptions) {
        long emailSubscriptions = subscriptions.stream().filter(s -> s.channel == Channel.EMAIL).count();
        int recipients = spec.recipients().values().stream().mapToInt(List::size).sum();
        if (emailSubscriptions == 0 && recipients == 0) {
            return PreflightCheck.passed(MAIL, "no e-mail subscription or recipient: no mail server needed");
        }
        String users = emailSubscriptions + " e-mail subscription" + (emailSubscriptions == 1 ? "" : "s") + ", "
                + recipients + " recipient" + (recipients == 1 ? "" : "s") + " of the run";
        if (config.getOptionalValue("quarkus.mailer.mock", Boolean.class).orElse(LaunchMode.current().isDevOrTest())) {
            return PreflightCheck.passed(MAIL, "e-mails are written to the log, not sent (quarkus.mailer.mock); " + users);
        }
        String host = config.getOptionalValue("quarkus.mailer.host", String.class).orElse("localhost");
        boolean tls = config.getOptionalValue("quarkus.mailer.tls", Boolean.class)
                .or(() -> config.getOptionalValue("quarkus.mailer.ssl", Boolean.class)).orElse(false);
        int port = config.getOptionalValue("quarkus.mailer.port", Integer.class).orElse(tls ? 465 : 25);
        ServerProbe.Answer answer = probe.smtp(host, port, tls);
        return answer.reached()
                ? PreflightCheck.passed(MAIL, "SMTP server " + host + ":" + port + " answers (" + answer.detail() + "); "
                        + users)
                : PreflightCheck.failed(MAIL, "SMTP server " + host + ":" + port + " does not answer: " + answer.detail()
                        + " (" + users + ")", "start the mail server, or point JSONMIG_SMTP_HOST and JSONMIG_SMTP_PORT of "
                        + "notification-service at one");
    }

    private PreflightCheck webhooks(List<Subscription> subscriptions) {
        List<String> reached = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        for (Subscription s : subscriptions) {
            if (!s.channel.isWebhook()) {
                continue;
            }
            ServerProbe.Endpoint endpoint = ServerProbe.Endpoint.of(s.target);
            String name = "subscription '" + s.name + "' (" + s.channel.wireName() + ", " + endpoint + ")";
            ServerProbe.Answer answer = probe.connect(endpoint);
            if (answer.reached()) {
                reached.add(name);
            } else {
                unreachable.add(name + ": " + answer.detail());
            }
        }
        if (!unreachable.isEmpty()) {
            return PreflightCheck.failed(WEBHOOKS, String.join("; ", unreachable), "start the receiver or fix its host "
                    + "in the subscription (PUT /subscriptions/{name}, or jsonmig.notification.subscriptions.<name>.target)");
        }
        return PreflightCheck.passed(WEBHOOKS, reached.isEmpty() ? "no slack or webhook subscription"
                : String.join(", ", reached) + " accept" + (reached.size() == 1 ? "s" : "") + " connections");
    }

    private PreflightCheck recipients(RunSpec spec) {
        if (spec.recipients().isEmpty()) {
            return PreflightCheck.passed(RECIPIENTS, "the run names no recipients of its own");
        }
        List<String> problems = new ArrayList<>();
        int addresses = 0;
        for (Map.Entry<String, List<String>> audience : spec.recipients().entrySet()) {
            if (!Audiences.STANDARD.contains(audience.getKey()) && !groups.groups().containsKey(audience.getKey())) {
                problems.add("audience '" + audience.getKey() + "' is neither operators, stakeholders, users nor a "
                        + "group configured here (jsonmig.notification.groups." + audience.getKey() + ".receives)");
            }
            for (String address : audience.getValue()) {
                addresses++;
                if (!SubscriptionValidator.isEmailAddress(address)) {
                    problems.add("'" + address + "' (audience " + audience.getKey() + ") is not an address the mail "
                            + "channel takes");
                }
            }
        }
        if (!problems.isEmpty()) {
            return PreflightCheck.failed(RECIPIENTS, String.join("; ", problems), "correct the run's recipients, or "
                    + "configure the group on notification-service");
        }
        return PreflightCheck.passed(RECIPIENTS, addresses + " address" + (addresses == 1 ? "" : "es") + " in "
                + String.join(", ", spec.recipients().keySet()));
    }
}
