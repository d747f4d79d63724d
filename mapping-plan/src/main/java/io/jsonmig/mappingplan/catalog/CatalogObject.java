package io.jsonmig.mappingplan.catalog;

/**
 * One object of the target catalog.
 *
 * @param identity a routine's argument list; empty for other kinds
 * @param oid      its object id: ids grow as objects are created, so they give the creation order
 * @param ownerOid the table an index or an owned (serial) sequence belongs to and disappears with
 */
public record CatalogObject(ObjectKind kind, String schema, String name, String identity, long oid, Long ownerOid) {

    /** What identifies the object across captures: kind and qualified name (and arguments). */
    public String key() {
        return kind + "|" + schema + "|" + name + "|" + identity;
    }

    public String describe() {
        return describe(kind, schema, name, identity);
    }

    public static String describe(ObjectKind kind, String schema, String name, String identity) {
        return switch (kind) {
            case SCHEMA, EXTENSION -> kind.label() + " " + name;
            case FUNCTION, PROCEDURE, AGGREGATE -> kind.label() + " " + schema + "." + name + "(" + identity + ")";
            default -> kind.label() + " " + schema + "." + name;
        };
    }
}
