package io.jsonmig.migration.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.util.List;

/** An object that existed in the target before the run: never dropped by its compensation. */
@Entity
@Table(name = "captured_object")
public class CapturedObject extends PanacheEntity {

    @Column(name = "migration_id", nullable = false)
    public String migrationId;

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

    public static List<CapturedObject> forMigration(String migrationId) {
        return list("migrationId", migrationId);
    }

    public String key() {
        return new CatalogObject(kind, schemaName, name, identity, objectOid, null).key();
    }
}
