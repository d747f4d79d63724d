package io.jsonmig.migration.schema;

import io.jsonmig.support.messaging.PhaseFailure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that a schema directory holds migrations jsonmig will apply, before anything is applied: a
 * Prisma project's migrations folder, or SQL migrations named for Flyway.
 */
public final class SchemaDirectory {

    /** Flyway's default naming: versioned {@code V1__name.sql} or {@code V1.2__name.sql}, repeatable {@code R__name.sql}. */
    private static final Pattern MIGRATION = Pattern.compile("(V\\d+([._]\\d+)*|R)__.+\\.sql");

    private SchemaDirectory() {
    }

    /** A Prisma project when the directory is or holds one, otherwise Flyway migrations; a failure lists every problem. */
    public static SchemaSource validate(Path dir) {
        Optional<Path> prisma = PrismaProject.locate(dir);
        if (prisma.isPresent()) {
            return SchemaSource.prisma(PrismaProject.read(prisma.get()));
        }
        return SchemaSource.flyway(validateFlyway(dir));
    }

    private static Path validateFlyway(Path dir) {
        List<String> problems = new ArrayList<>();
        int migrations = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".sql")) {
                    continue;
                }
                if (MIGRATION.matcher(name).matches()) {
                    migrations++;
                } else {
                    problems.add("schema file " + file + " is not named V<version>__<description>.sql "
                            + "(or R__<description>.sql), so it would not be applied");
                }
            }
        } catch (IOException e) {
            throw new PhaseFailure("cannot list schema directory " + dir + ": " + e.getMessage());
        }
        if (migrations == 0 && problems.isEmpty()) {
            problems.add("schema directory " + dir + " holds no SQL migrations (V1__<description>.sql, ...) "
                    + "and is not a Prisma project (prisma/migrations/<timestamp>_<name>/migration.sql)");
        }
        if (!problems.isEmpty()) {
            throw new PhaseFailure(problems.get(0), problems);
        }
        return dir;
    }
}
