package io.jsonmig.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the local stack keeps its state: {@code logs/<name>.log}, {@code pids/<name>.pid}, {@code kafka/},
 * {@code api-tokens}. */
public record StackLayout(Path root) {

    public Path logs() {
        return root.resolve("logs");
    }

    public Path pids() {
        return root.resolve("pids");
    }

    /** The broker's configuration, data ({@code data/}) and log ({@code broker.log}). */
    public Path kafka() {
        return root.resolve("kafka");
    }

    /** The stack's API tokens ({@code operator <token>}, owner-only), which its services and the CLI read. */
    public Path apiTokens() {
        return root.resolve("api-tokens");
    }

    public Path pidFile(String component) {
        return pids().resolve(component + ".pid");
    }

    public Path logFile(String component) {
        return logs().resolve(component + ".log");
    }

    public void create() {
        try {
            Files.createDirectories(logs());
            Files.createDirectories(pids());
            Files.createDirectories(kafka());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the stack directory " + root, e);
        }
    }
}
