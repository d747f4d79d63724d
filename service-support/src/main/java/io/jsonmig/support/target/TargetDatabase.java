package io.jsonmig.support.target;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A target database resolved from a profile. {@link #toString()} never shows the password.
 *
 * @param schema the schema every connection works in (its {@code search_path}, so unqualified names and
 *               {@code current_schema()} mean it), whatever the URL or the user's settings say; a dry run's
 *               throwaway schema. {@code null}: the schema the URL and the user's settings give
 */
public record TargetDatabase(String profile, String url, String user, String password, String schema) {

    public TargetDatabase(String profile, String url, String user, String password) {
        this(profile, url, user, password, null);
    }

    /** The same database, every connection working in {@code schema} (which need not exist yet). */
    public TargetDatabase inSchema(String schema) {
        return new TargetDatabase(profile, url, user, password, schema);
    }

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "jsonmig");
        Connection connection = DriverManager.getConnection(url, props);
        if (schema != null) {
            // Set after connecting, not as PgJDBC's currentSchema property: a currentSchema in the URL would win.
            try {
                connection.setSchema(schema);
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
        }
        return connection;
    }

    @Override
    public String toString() {
        return "target profile '" + profile + "' (" + SafeUrl.of(url) + ", user " + user
                + (schema == null ? "" : ", schema " + schema) + ")";
    }
}
