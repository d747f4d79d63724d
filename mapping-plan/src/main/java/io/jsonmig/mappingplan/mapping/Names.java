package io.jsonmig.mappingplan.mapping;

import java.util.Locale;

/** How JSON names become PostgreSQL names when no mapping file says otherwise. */
public final class Names {

    private Names() {
    }

    /** {@code createdAt} → {@code created_at}, {@code postID} → {@code post_id}, {@code HTMLPage} → {@code html_page}. */
    public static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                char previous = i > 0 ? name.charAt(i - 1) : '_';
                boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                boolean wordStart = Character.isLowerCase(previous) || Character.isDigit(previous)
                        || (Character.isUpperCase(previous) && nextIsLower);
                if (i > 0 && wordStart && out.charAt(out.length() - 1) != '_') {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else if (c == '-' || c == ' ' || c == '.') {
                out.append('_');
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
