package io.jsonmig.support.messaging;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** An event as this service first published it; a second publication of its id sends it again unchanged. */
@Entity
@Table(name = "published_event")
public class PublishedEvent extends PanacheEntityBase {

    @Id
    @Column(name = "event_id")
    public String eventId;

    @Column(name = "migration_id", nullable = false)
    public String migrationId;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(nullable = false, columnDefinition = "text")
    public String event;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;
}
