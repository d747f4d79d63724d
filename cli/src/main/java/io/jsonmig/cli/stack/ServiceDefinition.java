package io.jsonmig.cli.stack;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * One of the four services as the local stack runs it: its runnable jar, and the interface and
 * HTTP port it listens on.
 *
 * @param host the interface the service binds ({@code quarkus.http.host}), by default 127.0.0.1
 */
public record ServiceDefinition(String name, String host, int port, Path jar) {

    private static final Set<String> ANY_INTERFACE = Set.of("0.0.0.0", "::", "[::]");

    /** The environment variable that sets this service's port, e.g. {@code JSONMIG_BACKUP_PORT}. */
    public String portVariable() {
        return portVariable(name);
    }

    static String portVariable(String serviceName) {
        int dash = serviceName.indexOf('-');
        return "JSONMIG_" + (dash > 0 ? serviceName.substring(0, dash) : serviceName).toUpperCase(Locale.ROOT) + "_PORT";
    }

    /** Where this machine reaches the service: its interface, or 127.0.0.1 when it listens on all of them. */
    public String baseUrl() {
        String address = ANY_INTERFACE.contains(host) ? "127.0.0.1" : host.contains(":") && !host.startsWith("[")
                ? "[" + host + "]" : host;
        return "http://" + address + ":" + port;
    }

    public String readinessUrl() {
        return baseUrl() + "/q/health/ready";
    }
}
