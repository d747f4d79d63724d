package io.jsonmig.support.job;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Not live while a job worker's thread died or its job reached no checkpoint for longer than
 * {@link JobsConfig#unresponsiveAfter()}: the jobs it holds will not finish in this process, and a restart
 * resumes them from their checkpoints (the claim dies with the process).
 */
@Liveness
@ApplicationScoped
public class JobWorkersLiveness implements HealthCheck {

    static final String NAME = "jsonmig job workers alive";

    private final JobWorker worker;

    public JobWorkersLiveness(JobWorker worker) {
        this.worker = worker;
    }

    @Override
    public HealthCheckResponse call() {
        return response(worker.unresponsive());
    }

    static HealthCheckResponse response(java.util.List<String> problems) {
        return JobWorkersCheck.response(NAME, problems);
    }
}
