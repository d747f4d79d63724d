package io.jsonmig.e2e.chaos;

/** What a fault does to the running pipeline. */
enum FaultKind {
    /** SIGKILL of one service, then the same service started again with the same environment (same consumer group). */
    KILL_SERVICE,
    /** The Kafka broker stopped and started again on the same data directory and ports. */
    RESTART_BROKER,
    /** {@code pg_terminate_backend} of every client connection to the target database, from a separate connection. */
    TERMINATE_TARGET_CONNECTIONS
}
