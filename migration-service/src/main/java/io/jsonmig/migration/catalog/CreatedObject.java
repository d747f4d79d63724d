package io.jsonmig.migration.catalog;

import io.jsonmig.mappingplan.catalog.CatalogObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;

/** An object the run created in the target, in creation order; its compensation drops it. */
@Entity
@Table(name = "created_object")
public class CreatedObject extends CatalogObjectRow {

    @Column(name = "creation_order", nullable = false)
    public int creationOrder;

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


    public boolean sameAs(CatalogObject object) {
        return object.kind() == kind && object.schema().equals(schemaName) && object.name().equals(name)
                && object.identity().equals(identity) && object.oid() == objectOid;
    }
}
