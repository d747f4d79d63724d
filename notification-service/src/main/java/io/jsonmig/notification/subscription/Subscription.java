package io.jsonmig.notification.subscription;

import io.jsonmig.notification.delivery.Notification;
import io.jsonmig.notification.delivery.Severity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Who is told what, and how. The secret signs webhooks and is never shown. */
@Entity
@Table(name = "subscription")
public class Subscription extends PanacheEntityBase {

    public static final String SOURCE_API = "api";
    public static final String SOURCE_CONFIG = "config";
    /** A recipient named by a run's spec, for that run only ({@link RunRecipients}). */
    public static final String SOURCE_RUN = "run";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(nullable = false)
    public String audience;

    @Convert(converter = ChannelColumn.class)
    @Column(nullable = false)
    public Channel channel;

    @Column(nullable = false)
    public String target;

    /** Wire names, comma-separated; empty = every event. */
    @Column(name = "event_types", nullable = false)
    public String eventTypes;

    @Enumerated(EnumType.STRING)
    @Column(name = "min_severity", nullable = false)
    public Severity minSeverity;

    @Column(name = "migration_id")
    public String migrationId;

    public String secret;

    @Column(nullable = false)
    public String source;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    static Optional<Subscription> named(String name) {
        return find("name", name).firstResultOptional();
    }

    /** The subscriptions that may want a message about this run: its own, and those of no run in particular. */
    static List<Subscription> forRun(String migrationId) {
        return migrationId == null ? list("migrationId is null")
                : list("migrationId is null or migrationId = ?1", migrationId);
    }

    List<String> eventTypes() {
        return eventTypes.isEmpty() ? List.of() : Arrays.asList(eventTypes.split(","));
    }

    void show(SubscriptionSpec spec, String source, Instant now) {
        name = spec.name();
        audience = spec.audience();
        channel = spec.channel();
        target = spec.target();
        eventTypes = String.join(",", spec.events());
        minSeverity = spec.minSeverity();
        migrationId = spec.migrationId();
        if (spec.secret() != null || !channel.isWebhook()) {
            secret = spec.secret();
        }
        this.source = source;
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
    }

    /**
     * Whether this subscription wants the message: its audience hears the message's one, the
     * message is severe enough, about its run and of one of its event types (a message no event
     * caused, like a reminder, only reaches subscriptions without an event filter).
     */
    boolean wants(Notification notification, String audienceHeard) {
        return audienceHeard.equals(notification.audience())
                && notification.severity().compareTo(minSeverity) >= 0
                && (migrationId == null || migrationId.equals(notification.migrationId()))
                && (eventTypes.isEmpty() || eventTypes().contains(notification.eventType()));
    }

    boolean isDeclaredInConfig() {
        return SOURCE_CONFIG.equals(source);
    }

    @Converter
    static class ChannelColumn implements AttributeConverter<Channel, String> {
        @Override
        public String convertToDatabaseColumn(Channel channel) {
            return channel == null ? null : channel.wireName();
        }

        @Override
        public Channel convertToEntityAttribute(String wireName) {
            return wireName == null ? null : Channel.fromWireName(wireName);
        }
    }
}
