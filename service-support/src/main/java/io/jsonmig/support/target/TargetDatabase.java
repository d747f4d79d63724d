package io.jsonmig.support.target;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * A target database resolved from a profile. {@link #toString()} never shows the password.
 */
public record TargetDatabase(String profile, String url, String user, String password) {

    public Connection connect() throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "jsonmig");
        return DriverManager.getConnection(url, props);
    }

    @Override
    public String toString() {
        return "target profile '" + profile + "' (" + SafeUrl.of(url) + ", user " + user + ")";
    }
}
