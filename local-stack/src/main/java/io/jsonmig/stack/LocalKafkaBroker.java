package io.jsonmig.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), run from the
 * Kafka jars that the build copied, in a JVM of its own. Used by the tests and by
 * {@code ./jsonmig stack up}; no Docker needed.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    private static final String STARTED_MARKER = "Kafka Server started";

    private final Path workDir;
    private final int port;
    private final int controllerPort;
    private final int partitions;
    private boolean detached;
    private Process process;

    /**
     * @param workDir        holds {@code server.properties}, the log directory and {@code broker.log}
     * @param port           client port on 127.0.0.1; 0 picks a free one
     * @param controllerPort controller port on 127.0.0.1; 0 picks a free one
     * @param partitions     partitions of auto-created topics
     */
    public LocalKafkaBroker(Path workDir, int port, int controllerPort, int partitions) {
        this.workDir = workDir.toAbsolutePath();
        this.port = port == 0 ? freePort() : port;
        this.controllerPort = controllerPort == 0 ? freePort() : controllerPort;
        this.partitions = partitions;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return workDir.resolve("broker.log");
    }

    /** The broker's configuration file; its path appears on the broker's command line. */
    public Path serverProperties() {
        return workDir.resolve("server.properties");
    }

    /**
     * Starts the broker in a session of its own ({@code setsid}), so that it outlives the caller and
     * neither the terminal's Ctrl-C nor its hang-up reaches it. Stop it by its pid ({@link #process()}).
     */
    public LocalKafkaBroker detached() {
        this.detached = true;
        return this;
    }

    /**
     * Formats storage on first use, starts the broker and waits until it says it has started:
     * {@link #launch} then {@link #awaitReady}.
     */
    public LocalKafkaBroker start(Duration timeout) {
        return launch(timeout).awaitReady(timeout);
    }

    /**
     * Formats storage on first use and starts the broker's process; returns as soon as the process
     * exists, so that a caller can record its pid ({@link #process()}) before waiting for it.
     *
     * @param formatTimeout how long formatting the storage may take
     */
    public LocalKafkaBroker launch(Duration formatTimeout) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the Kafka broker in " + workDir + " is already running (pid "
                    + process.pid() + ")");
        }
        try {
            Files.createDirectories(workDir);
            Path config = writeServerProperties();
            Path logDir = workDir.resolve("data");
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                formatStorage(config, formatTimeout);
            }
            ProcessBuilder builder = new ProcessBuilder(command(config, "kafka.Kafka", config.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile().toFile());
            if (detached) {
                builder.command().add(0, Setsid.path());
                builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Kafka broker in " + workDir, e);
        }
    }

    /**
     * Waits until the launched broker says it has started and accepts connections. If it exits, or
     * the timeout passes (then it is stopped), fails with the end of its log. If the waiting thread is
     * interrupted, fails and leaves the broker as it is.
     */
    public LocalKafkaBroker awaitReady(Duration timeout) {
        if (process == null) {
            throw new IllegalStateException("the Kafka broker in " + workDir + " was not launched");
        }
        try {
            awaitStarted(timeout);
            return this;
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) { // reading a file is interruptible too
                throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
            }
            throw new UncheckedIOException("cannot read the Kafka broker's log " + logFile(), e);
        }
    }

    /** The broker's process, for callers that leave it running after they exit. */
    public Process process() {
        return process;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private Path writeServerProperties() throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("log.dirs", workDir.resolve("data").toString());
        p.setProperty("num.partitions", Integer.toString(partitions));
        p.setProperty("auto.create.topics.enable", "true");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        Path file = serverProperties();
        try (var out = Files.newOutputStream(file)) {
            p.store(out, "written by jsonmig LocalKafkaBroker");
        }
        return file;
    }

    private void formatStorage(Path config, Duration timeout) throws IOException {
        String clusterId = Base64Uuid.of(UUID.randomUUID());
        // "--cluster-id=": an id may start with '-' (URL-safe base64), which a separate argument would turn into an option
        Process format = new ProcessBuilder(command(config, "kafka.tools.StorageTool",
                "format", "--standalone", "--cluster-id=" + clusterId, "-c", config.toString()))
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("format.log").toFile())
                .start();
        try {
            if (!format.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                    || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("formatting Kafka storage failed, see " + workDir.resolve("format.log")
                        + ":\n" + Files.readString(workDir.resolve("format.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    private List<String> command(Path config, String mainClass, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xms128m");
        cmd.add("-Xmx512m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(kafkaLib().resolve("*").toString());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private void awaitStarted(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited with code " + process.exitValue() + ", see "
                        + logFile() + ":\n" + LogTail.of(logFile(), 30));
            }
            if (Files.exists(logFile()) && Files.readString(logFile(), StandardCharsets.ISO_8859_1).contains(STARTED_MARKER)
                    && accepts(port)) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
            }
        }
        close();
        throw new IllegalStateException("Kafka broker did not start within " + timeout + ", see " + logFile()
                + ":\n" + LogTail.of(logFile(), 30));
    }

    /** Where the broker's jars are: {@code JSONMIG_KAFKA_LIB}, else where this module's build copied them. */
    public static Path kafkaLib() {
        String fromEnv = System.getenv("JSONMIG_KAFKA_LIB");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        Properties built = new Properties();
        try (InputStream in = LocalKafkaBroker.class.getResourceAsStream("kafka-lib.properties")) {
            if (in != null) {
                built.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path lib = Path.of(built.getProperty("kafka.lib", "local-stack/target/kafka-lib"));
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("Kafka broker jars not found in " + lib
                    + ": build the local-stack module (./mvnw -pl local-stack package) or set JSONMIG_KAFKA_LIB");
        }
        return lib;
    }

    public static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Kafka cluster ids are URL-safe base64 of 16 bytes, without padding. */
    private static final class Base64Uuid {
        static String of(UUID uuid) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(16);
            buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
        }
    }
}
