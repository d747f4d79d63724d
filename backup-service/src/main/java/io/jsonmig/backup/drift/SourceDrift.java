package io.jsonmig.backup.drift;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/**
 * A run attempt whose cut-over was refused because the live JSON files drifted from its snapshot.
 * Its rollback must leave the live files as they are: they hold the application's later writes.
 */
@Entity
@Table(name = "source_drift")
public class SourceDrift extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "migration_id", nullable = false)
    public String migrationId;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "snapshot_id", nullable = false)
    public String snapshotId;

    /** The drifted files as people read them, e.g. {@code users.json changed, tags.json missing}. */
    @Column(nullable = false, columnDefinition = "text")
    public String files;

    @Column(name = "detected_at", nullable = false)
    public Instant detectedAt;

    static String idOf(String migrationId, int attempt) {
        return migrationId + "/a" + attempt;
    }
}
