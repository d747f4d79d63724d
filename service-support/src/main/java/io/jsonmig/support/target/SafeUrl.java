package io.jsonmig.support.target;

import java.util.regex.Pattern;

/** A JDBC URL fit for messages and logs: a password given as a URL parameter is masked. */
public final class SafeUrl {

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");

    private SafeUrl() {
    }

    public static String of(String jdbcUrl) {
        return jdbcUrl == null ? null : PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
    }
}
