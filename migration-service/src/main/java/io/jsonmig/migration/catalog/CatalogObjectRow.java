package io.jsonmig.migration.catalog;

import io.jsonmig.mappingplan.catalog.CatalogObject;
import io.jsonmig.mappingplan.catalog.ObjectKind;
import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.MappedSuperclass;

/** A catalog object of the target as the ledger keeps it for one run. */
@MappedSuperclass
public abstract class CatalogObjectRow extends PanacheEntity {

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

    void copyFrom(String migrationId, CatalogObject object) {
        this.migrationId = migrationId;
        this.kind = object.kind();
        this.schemaName = object.schema();
        this.name = object.name();
        this.identity = object.identity();
        this.objectOid = object.oid();
    }

    /** What identifies the object across captures; see {@link CatalogObject#key()}. */
    public String key() {
        return new CatalogObject(kind, schemaName, name, identity, objectOid, null).key();
    }
}
