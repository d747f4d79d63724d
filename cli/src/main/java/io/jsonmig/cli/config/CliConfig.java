package io.jsonmig.cli.config;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Everything the CLI reads from its configuration; every key has an environment variable (see README). */
@ConfigMapping(prefix = "jsonmig")
public interface CliConfig {

    /** The repository: examples, module builds, the default stack directory. {@code JSONMIG_HOME}. */
    Optional<Path> home();

    Kafka kafka();

    /** The services' ledger database. */
    Database db();

    Targets target();

    Stack stack();

    Watch watch();

    Otel otel();

    Api api();

    interface Api {
        /** The token the CLI sends to the services ({@code Authorization: Bearer}). {@code JSONMIG_API_TOKEN} */
        Optional<String> token();

        /**
         * A file with the token: the token alone, or {@code <role> <token>} lines (the services' token file; the
         * operator's is used). {@code JSONMIG_API_TOKEN_FILE}; default the local stack's {@code api-tokens}.
         */
        Optional<Path> tokenFile();
    }

    interface Otel {
        /**
         * Where the services export their traces ({@code JSONMIG_OTEL_ENDPOINT}); set, {@code start} and
         * {@code retry} begin the attempt's trace (a W3C traceparent on the event they publish).
         */
        Optional<String> endpoint();
    }

    interface Kafka {
        /** {@code JSONMIG_KAFKA_BOOTSTRAP} */
        String bootstrap();

        /** Controller port of the broker {@code stack up} starts. {@code JSONMIG_KAFKA_CONTROLLER_PORT} */
        int controllerPort();

        /** Partitions of the topics {@code stack up} creates. {@code JSONMIG_KAFKA_PARTITIONS} */
        int partitions();

        /** How long to wait for the broker before giving up. {@code JSONMIG_KAFKA_TIMEOUT} */
        Duration timeout();
    }

    interface Database {
        String url();

        String user();

        Optional<String> password();
    }

    interface Targets {
        /** The default target profile of {@code start}; {@code stack up} creates its database. */
        Database local();

        /** The demo's target; {@code demo} drops and recreates its database. */
        Database demo();
    }

    interface Stack {
        /** {@code JSONMIG_STACK_DIR}, default {@code <home>/.jsonmig/stack}. */
        Optional<Path> dir();

        /** {@code JSONMIG_SNAPSHOT_ROOT}, default {@code <stack dir>/snapshots}. */
        Optional<Path> snapshotRoot();

        /** {@code JSONMIG_ALLOWED_ROOTS}, default the repository, the user's home and the snapshot root. */
        Optional<List<String>> allowedRoots();

        /** The interface the services listen on. {@code JSONMIG_SERVICE_HOST} */
        String serviceHost();

        /** JVM options of each service. {@code JSONMIG_SERVICE_JAVA_OPTS} */
        String javaOptions();

        /** How long {@code stack up} waits for a component to be ready. */
        Duration startTimeout();

        /** How long {@code stack down} waits after SIGTERM before SIGKILL. */
        Duration stopTimeout();

        /** HTTP port of each service, by service name. {@code JSONMIG_BACKUP_PORT} ... */
        Map<String, Integer> ports();
    }

    interface Watch {
        /**
         * How long {@code watch} waits for a first event of a run that has none on the broker yet,
         * before it says the run does not exist. {@code JSONMIG_WATCH_UNKNOWN_RUN_GRACE}
         */
        Duration unknownRunGrace();
    }
}
