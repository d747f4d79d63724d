package io.jsonmig.cli.testing;

import io.jsonmig.stack.LocalKafkaBroker;
import io.jsonmig.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * A stack of its own for tests: a repository directory whose four service jars are {@link FakeService}s
 * (plus a link to the real examples), free ports, and uniquely named databases on the test
 * PostgreSQL server ({@code JSONMIG_TEST_PG_URL}, {@code _USER}, {@code _PASSWORD}). The settings live in
 * system properties, because the test and the application under test load this class through
 * different class loaders and must agree on them.
 */
public class IsolatedStack implements QuarkusTestProfile {

    public static final List<String> SERVICES = List.of(
            "backup-service", "migration-service", "verification-service", "notification-service");
    private static final String PREFIX = "io.jsonmig.cli.test.stack.";
    private static final PostgresResource.TestDatabases POSTGRES = new PostgresResource.TestDatabases();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("jsonmig.home", home().toString());
        config.put("jsonmig.stack.dir", stackDir().toString());
        config.put("jsonmig.kafka.bootstrap", "127.0.0.1:" + port("kafka"));
        config.put("jsonmig.kafka.controller-port", Integer.toString(port("kafka-controller")));
        config.put("jsonmig.kafka.partitions", "2");
        config.put("jsonmig.kafka.timeout", "5s");
        for (String[] database : new String[][] {{"db", "ledger"}, {"target.local", "local"}, {"target.demo", "demo"}}) {
            config.put("jsonmig." + database[0] + ".url", databaseUrl(database[1]));
            config.put("jsonmig." + database[0] + ".user", POSTGRES.user());
            config.put("jsonmig." + database[0] + ".password", POSTGRES.password());
        }
        config.put("jsonmig.stack.java-options", "-Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
        config.put("jsonmig.stack.start-timeout", "90s");
        config.put("jsonmig.stack.stop-timeout", "10s");
        for (String service : SERVICES) {
            config.put("jsonmig.stack.ports." + service, Integer.toString(port(service)));
        }
        return config;
    }

    public static synchronized Path home() {
        return Path.of(shared("home", IsolatedStack::createHome));
    }

    public static Path stackDir() {
        return home().resolve("stack-state");
    }

    public static synchronized int port(String component) {
        return Integer.parseInt(shared("port." + component, () -> Integer.toString(LocalKafkaBroker.freePort())));
    }

    public static synchronized String database(String purpose) {
        return shared("database." + purpose, () -> "jsonmig_it_cli_" + purpose + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    }

    public static String databaseUrl(String purpose) {
        return POSTGRES.url(database(purpose));
    }

    public static Path serviceJar(String service) {
        return home().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static String shared(String key, Supplier<String> create) {
        String value = System.getProperty(PREFIX + key);
        if (value == null) {
            value = create.get();
            System.setProperty(PREFIX + key, value);
        }
        return value;
    }

    private static String createHome() {
        try {
            Path home = Files.createTempDirectory("jsonmig-cli-stack-home-");
            Files.createSymbolicLink(home.resolve("examples"), Path.of("../examples").toAbsolutePath().normalize());
            for (String service : SERVICES) {
                writeFakeServiceJar(serviceJar(home, service));
            }
            return home.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path serviceJar(Path home, String service) {
        return home.resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static void writeFakeServiceJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file, manifest);
             InputStream classFile = FakeService.class.getClassLoader().getResourceAsStream(entry)) {
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
    }
}
