package io.jsonmig.cli.config;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The repository the CLI belongs to: {@code JSONMIG_HOME} when set (the launcher sets it), else the
 * nearest directory above the CLI's jar, or above the working directory, that looks like the
 * repository, else the working directory.
 */
@ApplicationScoped
public class JsonmigHome {

    private final Path home;

    public JsonmigHome(CliConfig config) {
        this.home = config.home()
                .or(() -> findFrom(codeLocation()))
                .or(() -> findFrom(Path.of("").toAbsolutePath()))
                .orElse(Path.of("").toAbsolutePath())
                .toAbsolutePath().normalize();
    }

    public Path path() {
        return home;
    }

    public Path resolve(String relative) {
        return home.resolve(relative);
    }

    static Optional<Path> findFrom(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("events"))
                    && Files.isDirectory(dir.resolve("examples"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static Path codeLocation() {
        try {
            return Path.of(JsonmigHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
