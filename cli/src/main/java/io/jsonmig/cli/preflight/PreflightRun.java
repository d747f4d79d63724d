package io.jsonmig.cli.preflight;

import io.jsonmig.cli.config.ApiCredential;
import io.jsonmig.cli.stack.StackSettings;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.events.preflight.PreflightChecks;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The pre-flight checklist of a run, in order: Kafka and its topics, each service's readiness, then
 * each service's own checks ({@code POST /preflight}). Every item is handed on as soon as it is known;
 * a failed item never stops the others. Nothing is published, created or changed anywhere.
 */
@ApplicationScoped
public class PreflightRun {

    static final String HEALTHY = "healthy";

    private final StackSettings settings;
    private final ApiCredential credential;

    public PreflightRun(StackSettings settings, ApiCredential credential) {
        this.settings = settings;
        this.credential = credential;
    }

    /** @param serviceUrls base URLs by service name; a service not named is the local stack's */
    public List<ChecklistItem> run(RunSpec spec, Map<String, String> serviceUrls, Consumer<ChecklistItem> onEach) {
        List<ChecklistItem> items = new ArrayList<>();
        Consumer<ChecklistItem> add = item -> {
            items.add(item);
            onEach.accept(item);
        };
        KafkaCheck.check(settings.kafkaBootstrap()).forEach(add);
        Map<ServiceClient, ServiceClient.Readiness> services = new LinkedHashMap<>();
        for (String name : PreflightChecks.BY_SERVICE.keySet()) {
            ServiceClient client = new ServiceClient(name, serviceUrls.getOrDefault(name,
                    settings.service(name).baseUrl()), credential.authorization());
            ServiceClient.Readiness ready = client.readiness();
            services.put(client, ready);
            String headline = name + " healthy (" + client.baseUrl() + ")";
            add.accept(ready.ready() ? ChecklistItem.passed(name, HEALTHY, headline, "ready at " + client.baseUrl())
                    : ChecklistItem.failed(name, HEALTHY, headline, ready.detail(), ready.answered()
                    ? "see its log (jsonmig stack status names it): a service is ready once Kafka and its database are"
                    : "start it with 'jsonmig stack up', or give its address with --service-url " + name + "=URL"));
        }
        for (Map.Entry<ServiceClient, ServiceClient.Readiness> service : services.entrySet()) {
            String name = service.getKey().service();
            if (!service.getValue().answered()) {
                PreflightChecks.BY_SERVICE.get(name).forEach(check -> add.accept(ChecklistItem.notChecked(name, check,
                        name + " did not answer")));
                continue;
            }
            try {
                for (PreflightCheck check : service.getKey().preflight(spec).checks()) {
                    add.accept(ChecklistItem.of(name, check));
                }
            } catch (IOException e) {
                PreflightChecks.BY_SERVICE.get(name).forEach(check -> add.accept(ChecklistItem.notChecked(name, check,
                        e.getMessage())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return items;
            }
        }
        return items;
    }
}
