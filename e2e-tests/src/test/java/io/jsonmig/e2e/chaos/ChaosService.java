package io.jsonmig.e2e.chaos;

import java.nio.file.Path;

/** The four packaged services a chaos run starts, each as a process of its own, and may kill. */
enum ChaosService {
    BACKUP("backup-service"),
    MIGRATION("migration-service"),
    VERIFICATION("verification-service"),
    NOTIFICATION("notification-service");

    private final String module;

    ChaosService(String module) {
        this.module = module;
    }

    String module() {
        return module;
    }

    /** The packaged application of this worktree. */
    Path jar(Path home) {
        return home.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
