package io.jsonmig.backup.snapshot;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A stored, verified snapshot of a run's source files. */
@Entity
@Table(name = "snapshot")
public class Snapshot extends PanacheEntityBase {

    @Id
    @Column(name = "snapshot_id")
    public String snapshotId;

    @Column(name = "migration_id", nullable = false)
    public String migrationId;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "source_dir", nullable = false)
    public String sourceDir;

    @Column(nullable = false)
    public String location;

    @Column(nullable = false)
    public String layout;

    @Column(nullable = false)
    public int files;

    @Column(nullable = false)
    public long bytes;

    @Column(nullable = false)
    public long records;

    @Column(name = "manifest_sha256", nullable = false)
    public String manifestSha256;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** When retention deleted the stored files; the row stays as the record that the snapshot existed. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** The newest snapshot of a run that has not been deleted by retention. */
    public static Optional<Snapshot> latestFor(String migrationId) {
        return find("migrationId = ?1 and deletedAt is null order by attempt desc, createdAt desc", migrationId).firstResultOptional();
    }

    /** The snapshots of a source directory still on disk, newest first. */
    public static java.util.List<Snapshot> storedFor(String sourceDir) {
        return list("sourceDir = ?1 and deletedAt is null order by createdAt desc, snapshotId desc", sourceDir);
    }
}
