package io.jsonmig.migration.load;

import io.jsonmig.mappingplan.target.Identifiers;
import io.jsonmig.mappingplan.target.TableName;
import io.quarkus.hibernate.orm.panache.PanacheEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A key, index or foreign key of a table the run created, as the catalog defined it after the
 * schema migrations ({@code pg_get_constraintdef}, {@code pg_get_indexdef}): dropped before the
 * table's load, built again from this definition after it.
 */
@Entity
@Table(name = "deferred_constraint")
public class DeferredConstraint extends PanacheEntity {

    /** In build order: keys first (the primary key before the others), then indexes, then foreign keys. */
    public enum Kind { PRIMARY_KEY, KEY, INDEX, FOREIGN_KEY }

    @Column(name = "migration_id", nullable = false)
    public String migrationId;

    @Column(nullable = false)
    public int attempt;

    @Column(name = "schema_name", nullable = false)
    public String schemaName;

    @Column(name = "table_name", nullable = false)
    public String tableName;

    @Column(name = "table_oid", nullable = false)
    public long tableOid;

    @Column(name = "build_order", nullable = false)
    public int buildOrder;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    @Column(nullable = false)
    public String name;

    /** {@code pg_get_constraintdef} of a key or foreign key, {@code pg_get_indexdef} of an index. */
    @Column(nullable = false)
    public String definition;

    /** A primary key's columns, joined by U+0001 (a name may hold anything else): the rejects' keys name them. */
    @Column(name = "key_columns")
    public String keyColumns;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    @Column(name = "dropped_at")
    public Instant droppedAt;

    @Column(name = "built_at")
    public Instant builtAt;

    public TableName table() {
        return new TableName(schemaName, tableName);
    }

    /** The statement that builds it again. */
    String buildSql() {
        return kind == Kind.INDEX ? definition
                : "ALTER TABLE " + table().sql() + " ADD CONSTRAINT " + Identifiers.quote(name) + " " + definition;
    }

    /** The statement that drops it, harmless when it is gone already. */
    String dropSql() {
        return kind == Kind.INDEX ? "DROP INDEX IF EXISTS " + Identifiers.qualified(schemaName, name)
                : "ALTER TABLE " + table().sql() + " DROP CONSTRAINT IF EXISTS " + Identifiers.quote(name);
    }

    List<String> primaryKeyColumns() {
        return keyColumns == null ? List.of() : Arrays.asList(keyColumns.split("\u0001"));
    }

    public static List<DeferredConstraint> notBuilt(String migrationId, int attempt) {
        return list("migrationId = ?1 and attempt = ?2 and builtAt is null order by id", migrationId, attempt);
    }

    public static List<DeferredConstraint> ofAttempt(String migrationId, int attempt) {
        return list("migrationId = ?1 and attempt = ?2 order by id", migrationId, attempt);
    }
}
