package io.jsonmig.support.paths;

import io.jsonmig.support.messaging.PhaseFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Validates paths that arrive in events. A path is accepted only when its real location (after
 * resolving {@code ..} and symbolic links) lies under one of the allowed roots (the application's
 * directories) or under jsonmig's own storage (snapshot root, reject directory), which is always allowed.
 */
@ApplicationScoped
public class AllowedPaths {

    private final List<Path> roots;
    private final List<Path> storageRoots;

    @Inject
    public AllowedPaths(PathsConfig config) {
        this(config.allowedRoots(), config.storageRoots());
    }

    public AllowedPaths(List<String> allowedRoots, List<String> storageRoots) {
        this.roots = realPaths(allowedRoots);
        this.storageRoots = realPaths(storageRoots);
    }

    private static List<Path> realPaths(List<String> raw) {
        return raw.stream()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(AllowedPaths::realOrNormalized)
                .toList();
    }

    public Path directory(String raw, String what) {
        Path path = resolve(raw, what);
        if (!Files.isDirectory(path)) {
            throw new PhaseFailure(what + " " + raw + " is not a directory");
        }
        if (!Files.isReadable(path)) {
            throw new PhaseFailure(what + " " + raw + " is not readable");
        }
        return path;
    }

    public Path file(String raw, String what) {
        Path path = resolve(raw, what);
        if (!Files.isRegularFile(path)) {
            throw new PhaseFailure(what + " " + raw + " is not a file");
        }
        if (!Files.isReadable(path)) {
            throw new PhaseFailure(what + " " + raw + " is not readable");
        }
        return path;
    }

    private Path resolve(String raw, String what) {
        if (raw == null || raw.isBlank()) {
            throw new PhaseFailure(what + " is not set");
        }
        Path path;
        try {
            path = Path.of(raw);
        } catch (InvalidPathException e) {
            throw new PhaseFailure(what + " '" + raw + "' is not a valid path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw new PhaseFailure(what + " '" + raw + "' must be an absolute path");
        }
        if (!Files.exists(path)) {
            throw new PhaseFailure(what + " " + raw + " does not exist");
        }
        Path real = realOrNormalized(raw);
        if (roots.stream().noneMatch(real::startsWith) && storageRoots.stream().noneMatch(real::startsWith)) {
            throw new PhaseFailure(what + " " + raw + " lies outside the allowed roots " + roots
                    + " (set JSONMIG_ALLOWED_ROOTS)");
        }
        return real;
    }

    private static Path realOrNormalized(String raw) {
        Path path = Path.of(raw).toAbsolutePath().normalize();
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }
}
