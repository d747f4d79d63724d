package io.jsonmig.migration.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** An object the run created in the target, in creation order; its compensation drops it. */
@Entity
@Table(name = "created_object")
public class CreatedObject extends PanacheEntity {

    @Column(name = "migration_id", nullable = false)
    public String migrationId;

    @Column(name = "creation_order", nullable = false)
    public int creationOrder;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ObjectKind kind;

    @Column(name = "schema_name", nullable = false)
    public String schemaName;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String identity;

    @Column(name = "object_oid", nullable = false)
    public long objectOid;

    /** The table this index or owned sequence belongs to. */
    @Column(name = "owner_oid")
    public Long ownerOid;

    @Column(name = "detected_at", nullable = false)
    public Instant detectedAt;

    @Column(name = "dropped_at")
    public Instant droppedAt;

    public static List<CreatedObject> forMigration(String migrationId) {
        return list("migrationId = ?1 order by creationOrder", migrationId);
    }

    public static List<CreatedObject> stillPresent(String migrationId) {
        return list("migrationId = ?1 and droppedAt is null order by creationOrder", migrationId);
    }

    public String describe() {
        return CatalogObject.describe(kind, schemaName, name, identity);
    }

    public String key() {
        return new CatalogObject(kind, schemaName, name, identity, objectOid, ownerOid).key();
    }

    public boolean sameAs(CatalogObject object) {
        return object.kind() == kind && object.schema().equals(schemaName) && object.name().equals(name)
                && object.identity().equals(identity) && object.oid() == objectOid;
    }
}
