package io.jsonmig.backup.retention;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * Whether a run is still going, from the last run event backup-service saw: a run is finished once
 * the cut-over is ready, the datasource is reverted or a dry run completed, and active again when it is retried.
 */
@Entity
@Table(name = "run_activity")
public class RunActivity extends PanacheEntityBase {

    @Id
    @Column(name = "migration_id")
    public String migrationId;

    @Column(nullable = false)
    public boolean active;

    @Column(name = "last_event", nullable = false)
    public String lastEvent;

    @Column(name = "last_event_at", nullable = false)
    public Instant lastEventAt;
}
