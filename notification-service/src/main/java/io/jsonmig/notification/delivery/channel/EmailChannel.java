package io.jsonmig.notification.delivery.channel;

import io.jsonmig.notification.delivery.DeliveryConfig;
import io.jsonmig.notification.delivery.Notification;
import io.jsonmig.notification.delivery.PendingDelivery;
import io.jsonmig.notification.subscription.Channel;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Arrays;
import java.util.List;

/** E-mail through Quarkus Mailer (SMTP, From {@code quarkus.mailer.from}), text and HTML when given. */
@ApplicationScoped
class EmailChannel implements DeliveryChannel {

    private final ReactiveMailer mailer;
    private final DeliveryConfig config;

    EmailChannel(ReactiveMailer mailer, DeliveryConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public void send(PendingDelivery delivery) {
        Notification n = delivery.notification();
        List<String> recipients = Arrays.asList(delivery.target().split(","));
        Mail mail = Mail.withText(recipients.get(0), n.subject(), n.text()).setTo(recipients);
        if (n.html() != null) {
            mail.setHtml(n.html());
        }
        mailer.send(mail).await().atMost(config.sendTimeout());
    }
}
