package io.jsonmig.cli.start;

import io.jsonmig.events.payload.SmokeCheck;

/**
 * A smoke check typed as one flag value: {@code NAME=sql:QUERY=EXPECTED} or {@code NAME=url:URL=STATUS}.
 * The name ends at the first {@code =} and the expected result starts after the last one, so a query
 * or URL may hold {@code =} itself ({@code where active = true}, {@code ?full=1}).
 */
final class SmokeCheckFlag {

    static final String FORM = "NAME=sql:QUERY=EXPECTED or NAME=url:URL=STATUS";

    private SmokeCheckFlag() {
    }

    /** The check, or an {@link IllegalArgumentException} saying what is wrong with {@code text}. */
    static SmokeCheck parse(String text) {
        int nameEnd = text.indexOf('=');
        if (nameEnd <= 0) {
            throw invalid(text, "expected " + FORM);
        }
        String name = text.substring(0, nameEnd).trim();
        String rest = text.substring(nameEnd + 1);
        boolean sql = rest.startsWith("sql:");
        if (!sql && !rest.startsWith("url:")) {
            throw invalid(text, "after '" + name + "=' comes sql:QUERY=EXPECTED or url:URL=STATUS");
        }
        String body = rest.substring("sql:".length());
        int expectedStart = body.lastIndexOf('=');
        if (expectedStart < 0) {
            throw invalid(text, sql ? "ends with =EXPECTED, the value the query's first column must read"
                    : "ends with =STATUS, the HTTP status the URL must answer (e.g. =200)");
        }
        String target = body.substring(0, expectedStart).trim();
        String expected = body.substring(expectedStart + 1).trim();
        Integer status = sql ? null : status(text, expected);
        try {
            return sql ? SmokeCheck.sql(name, target, expected) : SmokeCheck.http(name, target, status);
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
    }

    /** {@code check} in the flag's form, for showing it. */
    static String format(SmokeCheck check) {
        return check.isSql() ? check.name() + "=sql:" + check.sql() + "=" + (check.expected() == null ? "(null)" : check.expected())
                : check.name() + "=url:" + check.url() + "=" + check.effectiveExpectedStatus();
    }

    private static int status(String text, String expected) {
        try {
            return Integer.parseInt(expected);
        } catch (NumberFormatException e) {
            throw invalid(text, "'" + expected + "' is not an HTTP status (100-599)");
        }
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("'" + text + "': " + why);
    }
}
