package io.jsonmig.support.job;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Not ready while a job worker is dead or stuck: the service would accept runs it cannot carry out,
 * and the runs it holds would wait for ever.
 */
@Readiness
@ApplicationScoped
public class JobWorkersCheck implements HealthCheck {

    static final String NAME = "jsonmig job workers";

    private final JobWorker worker;

    public JobWorkersCheck(JobWorker worker) {
        this.worker = worker;
    }

    @Override
    public HealthCheckResponse call() {
        return response(NAME, worker.problems());
    }

    /** UP without problems; DOWN with each problem (naming its worker and job) as data. */
    static HealthCheckResponse response(String name, List<String> problems) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name).status(problems.isEmpty());
        for (int i = 0; i < problems.size(); i++) {
            response.withData("problem-" + (i + 1), problems.get(i));
        }
        return response.build();
    }
}
