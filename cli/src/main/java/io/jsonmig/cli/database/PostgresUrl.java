package io.jsonmig.cli.database;

import io.jsonmig.cli.CliException;

import java.util.regex.Pattern;

/**
 * A {@code jdbc:postgresql://host[:port]/database[?params]} URL taken apart, so the CLI can reach
 * the administrative database {@code postgres} on the same server to create or drop {@link #database()}.
 *
 * @param setting the setting the URL came from, named in every error
 */
public record PostgresUrl(String setting, String server, String database, String query) {

    private static final String PREFIX = "jdbc:postgresql://";
    /** Plain lower-case identifiers only: no quoting surprises, and nothing an event or a typo could inject. */
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    public static final String ADMIN_DATABASE = "postgres";

    public static PostgresUrl parse(String setting, String url) {
        if (url == null || !url.startsWith(PREFIX)) {
            throw new CliException(setting + " is '" + url + "': expected jdbc:postgresql://host:port/database");
        }
        String rest = url.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new CliException(setting + " is '" + url + "': it names no server and database "
                    + "(expected jdbc:postgresql://host:port/database)");
        }
        String server = rest.substring(0, slash);
        String path = rest.substring(slash + 1);
        int question = path.indexOf('?');
        String database = question >= 0 ? path.substring(0, question) : path;
        String query = question >= 0 ? path.substring(question) : "";
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new CliException(setting + " names database '" + database + "': expected a lower-case name of "
                    + "letters, digits and '_' starting with a letter or '_' (at most 63 characters)");
        }
        return new PostgresUrl(setting, server, database, query);
    }

    public String url() {
        return PREFIX + server + "/" + database + query;
    }

    public String adminUrl() {
        return PREFIX + server + "/" + ADMIN_DATABASE + query;
    }

    /** The database name as an SQL identifier; safe because {@link #parse} admits only plain names. */
    public String quotedDatabase() {
        return '"' + database + '"';
    }

    public String host() {
        int colon = server.lastIndexOf(':');
        return colon > 0 && !server.endsWith("]") ? server.substring(0, colon) : server;
    }

    public int port() {
        int colon = server.lastIndexOf(':');
        return colon > 0 && !server.endsWith("]") ? Integer.parseInt(server.substring(colon + 1)) : 5432;
    }
}
