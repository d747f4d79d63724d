package io.jsonmig.cli.config;

import io.jsonmig.cli.CliException;
import io.jsonmig.cli.stack.StackSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The bearer token the CLI sends to the services: {@code JSONMIG_API_TOKEN}, else the one in
 * {@code JSONMIG_API_TOKEN_FILE}, else the local stack's operator token. The token is never printed.
 */
@ApplicationScoped
public class ApiCredential {

    /** What to tell an operator whose call was refused with 401 or 403. */
    public static final String HINT = "set JSONMIG_API_TOKEN (or JSONMIG_API_TOKEN_FILE) to an operator token of the"
            + " services, or run './jsonmig stack up', which writes the local stack's token; see docs/security.md";

    private final CliConfig config;
    private final StackSettings settings;

    public ApiCredential(CliConfig config, StackSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    /** The token file the services of the local stack read: the configured one, else the stack's. */
    public Path tokenFile() {
        return config.api().tokenFile().orElse(settings.layout().apiTokens());
    }

    /** {@code Bearer <token>}, or empty when no token is configured and the stack has none. */
    public Optional<String> authorization() {
        Optional<String> token = config.api().token().map(String::strip).filter(t -> !t.isEmpty());
        if (token.isEmpty()) {
            Path file = tokenFile();
            if (config.api().tokenFile().isPresent() || Files.isRegularFile(file)) {
                token = Optional.of(tokenIn(file));
            }
        }
        return token.map(t -> "Bearer " + t);
    }

    /** The token alone on a line, or the operator's of {@code <role> <token>} lines, else the first role's. */
    static String tokenIn(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot read the API token file " + file + " (JSONMIG_API_TOKEN_FILE): " + e.getMessage());
        }
        String first = null;
        for (String line : lines) {
            String[] fields = line.strip().split("\\s+");
            if (fields[0].isEmpty() || fields[0].startsWith("#")) {
                continue;
            }
            if (fields.length == 1) {
                return fields[0];
            }
            if (fields.length == 2 && !fields[1].startsWith("sha256:")) {
                if (fields[0].equalsIgnoreCase("operator")) {
                    return fields[1];
                }
                first = first == null ? fields[1] : first;
            }
        }
        if (first == null) {
            throw new CliException("the API token file " + file + " holds no usable token (a token alone, or"
                    + " '<role> <token>' lines; a sha256: digest cannot be sent)");
        }
        return first;
    }
}
