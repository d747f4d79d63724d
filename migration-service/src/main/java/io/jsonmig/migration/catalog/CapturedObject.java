package io.jsonmig.migration.catalog;

import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.util.List;

/** An object that existed in the target before the run: never dropped by its compensation. */
@Entity
@Table(name = "captured_object")
public class CapturedObject extends CatalogObjectRow {

    public static List<CapturedObject> forMigration(String migrationId) {
        return list("migrationId", migrationId);
    }
}
