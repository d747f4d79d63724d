package io.jsonmig.cli.runs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table whose columns are as wide as their widest cell, the last one not padded. */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    public TextTable(String... headers) {
        columns = headers.length;
        rows.add(headers);
    }

    public TextTable row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " cells, got " + cells.length);
        }
        String[] texts = new String[columns];
        for (int i = 0; i < columns; i++) {
            texts[i] = cells[i] == null ? "-" : cells[i].toString();
        }
        rows.add(texts);
        return this;
    }

    public void print(PrintWriter out, String indent) {
        print(out, indent, 0);
    }

    /** The rows without the header line. */
    public void printRows(PrintWriter out, String indent) {
        print(out, indent, 1);
    }

    private void print(PrintWriter out, String indent, int firstRow) {
        int[] widths = new int[columns];
        for (String[] row : rows.subList(firstRow, rows.size())) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows.subList(firstRow, rows.size())) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length());
    }
}
