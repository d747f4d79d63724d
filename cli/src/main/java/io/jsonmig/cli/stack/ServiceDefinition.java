package io.jsonmig.cli.stack;

import java.nio.file.Path;

/** One of the four services as the local stack runs it: its runnable jar and HTTP port. */
public record ServiceDefinition(String name, int port, Path jar) {

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public String readinessUrl() {
        return baseUrl() + "/q/health/ready";
    }
}
