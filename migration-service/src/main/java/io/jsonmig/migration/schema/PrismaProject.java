package io.jsonmig.migration.schema;

import io.jsonmig.support.messaging.PhaseFailure;
import io.jsonmig.support.source.FileHashes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Prisma project's migrations folder: {@code migration_lock.toml} and one sub-folder per migration
 * holding its {@code migration.sql}, applied in name order like {@code prisma migrate deploy} does.
 */
public record PrismaProject(Path directory, List<PrismaMigration> migrations) {

    static final String LOCK_FILE = "migration_lock.toml";
    static final String SCRIPT = "migration.sql";
    private static final Pattern PROVIDER = Pattern.compile("(?m)^\\s*provider\\s*=\\s*\"([^\"]*)\"");
    /** {@code _prisma_migrations.migration_name} is a varchar(255). */
    private static final int MAX_NAME = 255;

    /**
     * The migrations folder of a schema directory that is a Prisma project: the directory itself, its
     * {@code migrations} or its {@code prisma/migrations}, whichever holds {@code migration_lock.toml} or a
     * {@code <folder>/migration.sql}.
     */
    public static Optional<Path> locate(Path dir) {
        return Stream.of(dir, dir.resolve("migrations"), dir.resolve("prisma").resolve("migrations"))
                .filter(PrismaProject::looksLikeMigrations)
                .findFirst();
    }

    /** Reads and checks the folder; a failure lists every problem. */
    public static PrismaProject read(Path directory) {
        List<String> problems = new ArrayList<>();
        checkLock(directory, problems);
        List<PrismaMigration> migrations = new ArrayList<>();
        for (Path folder : subFolders(directory)) {
            String name = folder.getFileName().toString();
            Path script = folder.resolve(SCRIPT);
            if (!Files.isRegularFile(script)) {
                problems.add("Prisma migration folder " + folder + " holds no " + SCRIPT);
            } else if (name.length() > MAX_NAME) {
                problems.add("Prisma migration folder " + folder + " has a name longer than " + MAX_NAME + " characters");
            } else {
                migrations.add(new PrismaMigration(name, script, checksum(script)));
            }
        }
        if (migrations.isEmpty() && problems.isEmpty()) {
            problems.add("Prisma migrations folder " + directory + " holds no <timestamp>_<name>/" + SCRIPT);
        }
        if (!problems.isEmpty()) {
            throw new PhaseFailure(problems.get(0), problems);
        }
        return new PrismaProject(directory, List.copyOf(migrations));
    }

    /** Prisma refuses a project whose lock names another provider; so does jsonmig, which targets PostgreSQL only. */
    private static void checkLock(Path directory, List<String> problems) {
        Path lock = directory.resolve(LOCK_FILE);
        if (!Files.isRegularFile(lock)) {
            problems.add("Prisma migrations folder " + directory + " has no " + LOCK_FILE
                    + " (it must say provider = \"postgresql\")");
            return;
        }
        try {
            Matcher provider = PROVIDER.matcher(Files.readString(lock));
            if (!provider.find()) {
                problems.add(lock + " names no provider (expected provider = \"postgresql\")");
            } else if (!provider.group(1).equals("postgresql")) {
                problems.add(lock + " says provider = \"" + provider.group(1) + "\": jsonmig applies Prisma "
                        + "migrations to PostgreSQL only (provider = \"postgresql\")");
            }
        } catch (IOException e) {
            problems.add("cannot read " + lock + ": " + e.getMessage());
        }
    }

    private static boolean looksLikeMigrations(Path dir) {
        return Files.isDirectory(dir) && (Files.isRegularFile(dir.resolve(LOCK_FILE))
                || subFolders(dir).stream().anyMatch(folder -> Files.isRegularFile(folder.resolve(SCRIPT))));
    }

    /** In name order: Prisma's folder names start with a timestamp, so that is the order they were written in. */
    private static List<Path> subFolders(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new PhaseFailure("cannot list schema directory " + dir + ": " + e.getMessage());
        }
    }

    static String checksum(Path script) {
        try {
            return FileHashes.sha256(script);
        } catch (IOException e) {
            throw new PhaseFailure("cannot read Prisma migration " + script + ": " + e.getMessage());
        }
    }
}
