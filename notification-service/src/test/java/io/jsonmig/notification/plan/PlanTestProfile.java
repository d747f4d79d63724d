package io.jsonmig.notification.plan;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;
import java.util.Set;

/** Short plan intervals, and delivery replaced by a recorder. */
public class PlanTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("jsonmig.notification.plan.update-interval", "2s",
                "jsonmig.notification.plan.reminder-before", "3s");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(RecordedNotifications.class);
    }
}
