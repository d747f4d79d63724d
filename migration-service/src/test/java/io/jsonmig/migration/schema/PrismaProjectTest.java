package io.jsonmig.migration.schema;

import io.jsonmig.support.messaging.PhaseFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PrismaProjectTest {

    private static final String LOCK = "provider = \"postgresql\"\n";

    @TempDir
    Path root;

    @Test
    void aProjectIsFoundFromItsRootItsPrismaFolderOrItsMigrationsFolder() throws Exception {
        Path migrations = project(root, LOCK);
        assertThat(PrismaProject.locate(root)).contains(migrations);
        assertThat(PrismaProject.locate(root.resolve("prisma"))).contains(migrations);
        assertThat(PrismaProject.locate(migrations)).contains(migrations);
    }

    @Test
    void flywayMigrationsAreNotAPrismaProject() throws Exception {
        Files.writeString(root.resolve("V1__init.sql"), "CREATE TABLE t (id int);");
        assertThat(PrismaProject.locate(root)).isEmpty();
        assertThat(SchemaDirectory.validate(root).prisma()).isEmpty();
    }

    @Test
    void foldersComeInNameOrderWithTheSha256OfTheirScript() throws Exception {
        Path migrations = project(root, LOCK);
        Files.createDirectories(migrations.resolve("20240103000000_third"));
        Files.writeString(migrations.resolve("20240103000000_third/migration.sql"), "SELECT 3;\r\n");

        SchemaSource source = SchemaDirectory.validate(root);

        assertThat(source.directory()).isEqualTo(migrations);
        PrismaProject project = source.prisma().orElseThrow();
        assertThat(project.migrations()).extracting(PrismaMigration::name)
                .containsExactly("20240101000000_init", "20240102000000_second", "20240103000000_third");
        byte[] third = Files.readAllBytes(migrations.resolve("20240103000000_third/migration.sql"));
        assertThat(project.migrations().get(2).checksum())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(third)))
                .hasSize(64);
    }

    @Test
    void anotherProviderIsRefusedNamingTheLockFile() throws Exception {
        Path migrations = project(root, "provider = \"mysql\"\n");
        assertThatThrownBy(() -> PrismaProject.read(migrations)).isInstanceOf(PhaseFailure.class)
                .hasMessage(migrations.resolve("migration_lock.toml") + " says provider = \"mysql\": jsonmig applies "
                        + "Prisma migrations to PostgreSQL only (provider = \"postgresql\")");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        Path migrations = project(root, LOCK);
        Files.delete(migrations.resolve("migration_lock.toml"));
        Files.createDirectories(migrations.resolve("20240105000000_empty"));

        PhaseFailure failure = catchThrowableOfType(PhaseFailure.class, () -> PrismaProject.read(migrations));

        assertThat(failure.problems()).containsExactly(
                "Prisma migrations folder " + migrations + " has no migration_lock.toml (it must say provider = \"postgresql\")",
                "Prisma migration folder " + migrations.resolve("20240105000000_empty") + " holds no migration.sql");
    }

    @Test
    void aLineIsCountedFromOne() {
        assertThat(PrismaMigrator.ScriptFailure.lineOf("a\nb\nc", 0)).isEqualTo(1);
        assertThat(PrismaMigrator.ScriptFailure.lineOf("a\nb\nc", 4)).isEqualTo(3);
    }

    private static Path project(Path root, String lock) throws Exception {
        Path migrations = Files.createDirectories(root.resolve("prisma/migrations"));
        Files.writeString(migrations.resolve("migration_lock.toml"), lock);
        Files.createDirectories(migrations.resolve("20240102000000_second"));
        Files.writeString(migrations.resolve("20240102000000_second/migration.sql"), "SELECT 2;\n");
        Files.createDirectories(migrations.resolve("20240101000000_init"));
        Files.writeString(migrations.resolve("20240101000000_init/migration.sql"), "SELECT 1;\n");
        return migrations;
    }
}
