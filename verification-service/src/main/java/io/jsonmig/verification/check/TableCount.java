package io.jsonmig.verification.check;

/**
 * What the target holds for one table named by the migration: its row count, or why it could not
 * be counted (the table does not exist, is not a table, or its name is not valid).
 *
 * @param table   the name as the migration reported it
 * @param rows    {@code null} when the table could not be counted
 * @param problem {@code null} when the table was counted
 */
public record TableCount(String table, Long rows, String problem) {

    public static TableCount counted(String table, long rows) {
        return new TableCount(table, rows, null);
    }

    public static TableCount unavailable(String table, String problem) {
        return new TableCount(table, null, problem);
    }

    public boolean isCounted() {
        return rows != null;
    }
}
