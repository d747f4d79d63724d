package io.jsonmig.testing.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The API credentials every test's service accepts: one operator and one viewer bearer token, in a token file
 * ({@code jsonmig.api.token-file}) that the Kafka test resource and {@link io.jsonmig.testing.ServiceProcess} give
 * each service, and that the CLI reads its operator token from.
 */
public final class TestApiCredentials {

    public static final String OPERATOR_TOKEN = "jsonmig-test-operator-7f3a9c2e51b84d06";
    public static final String VIEWER_TOKEN = "jsonmig-test-viewer-2b6e81d4c9a0537f";
    /** A basic user with the viewer role (its hash is in the users file; the password never is). */
    public static final String VIEWER_USER = "test-viewer";
    public static final String VIEWER_PASSWORD = "test-viewer-password";
    private static final String VIEWER_PASSWORD_HASH =
            "pbkdf2-sha256:10000:anNvbm1pZy10ZXN0LXNhbHQ=:2rd7cpe92D3HK1raYYNPn7YajZajKhwPSSR8PT8sySM=";
    public static final String TOKEN_FILE_PROPERTY = "jsonmig.api.token-file";
    public static final String USERS_FILE_PROPERTY = "jsonmig.api.users-file";
    public static final String TOKEN_FILE_VARIABLE = "JSONMIG_API_TOKEN_FILE";

    private static final String FILE_PROPERTY = "io.jsonmig.test.api-token-file";
    private static final String USERS_PROPERTY = "io.jsonmig.test.api-users-file";

    private TestApiCredentials() {
    }

    public static String operatorAuthorization() {
        return "Bearer " + OPERATOR_TOKEN;
    }

    public static String viewerAuthorization() {
        return "Bearer " + VIEWER_TOKEN;
    }

    public static String viewerBasicAuthorization() {
        return "Basic " + Base64.getEncoder().encodeToString((VIEWER_USER + ":" + VIEWER_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The token file of this JVM (owner-only), written on first use. */
    public static Path tokenFile() {
        return written(FILE_PROPERTY, "jsonmig-test-api-tokens-", "# jsonmig test credentials\noperator "
                + OPERATOR_TOKEN + "\nviewer " + VIEWER_TOKEN + "\n");
    }

    /** The users file of this JVM: the viewer user, with its password hashed. */
    public static Path usersFile() {
        return written(USERS_PROPERTY, "jsonmig-test-api-users-", VIEWER_USER + " viewer " + VIEWER_PASSWORD_HASH + "\n");
    }

    /**
     * The credentials for a service under test, as configuration. The users file only where the service's
     * credentials are on the class path: the CLI knows the token file, not the users file.
     */
    public static Map<String, String> serviceConfig() {
        Map<String, String> config = new HashMap<>();
        config.put(TOKEN_FILE_PROPERTY, tokenFile().toString());
        try {
            Class.forName("io.jsonmig.support.auth.ApiAuthConfig", false, TestApiCredentials.class.getClassLoader());
            config.put(USERS_FILE_PROPERTY, usersFile().toString());
        } catch (ClassNotFoundException notAService) {
            // the CLI
        }
        return config;
    }

    private static Path written(String property, String prefix, String content) {
        synchronized (System.class) {
            String existing = System.getProperty(property);
            if (existing != null && Files.isRegularFile(Path.of(existing))) {
                return Path.of(existing);
            }
            try {
                Path file = Files.createTempFile(prefix, "",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                file.toFile().deleteOnExit();
                Files.writeString(file, content, StandardCharsets.UTF_8);
                System.setProperty(property, file.toString());
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the test API credentials file " + prefix, e);
            }
        }
    }
}
