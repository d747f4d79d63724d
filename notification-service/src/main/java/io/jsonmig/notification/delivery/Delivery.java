package io.jsonmig.notification.delivery;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;
import org.hibernate.annotations.DynamicUpdate;

import java.time.Instant;

/**
 * One message for one subscription, in the delivery ledger: what to send (rendered once, so every
 * attempt sends the same), and how its attempts went. Rows are created by {@link DeliveryLedger#record}.
 * An attempt's outcome writes only the columns it changes, so it never writes back a subscription that
 * was deleted (set null by the database) while the message was being sent.
 */
@Entity
@DynamicUpdate
@Table(name = "delivery")
public class Delivery extends PanacheEntityBase {

    @Id
    public Long id;

    @Column(name = "subscription_id")
    public Long subscriptionId;

    @Column(name = "subscription_name", nullable = false)
    public String subscriptionName;

    @Column(name = "notification_key", nullable = false)
    public String notificationKey;

    @Column(name = "migration_id")
    public String migrationId;

    @Column(nullable = false)
    public String kind;

    @Column(name = "event_type")
    public String eventType;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Column(nullable = false)
    public String audience;

    /** Wire name of the channel. */
    @Column(nullable = false)
    public String channel;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeliveryStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(nullable = false)
    public String subject;

    @Column(nullable = false)
    public String text;

    public String html;

    /** {@link Notification#data()} as JSON. */
    /** The trace of the event the message is about, when it was traced: each attempt is a span in it. */
    public String traceparent;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String data;
}
