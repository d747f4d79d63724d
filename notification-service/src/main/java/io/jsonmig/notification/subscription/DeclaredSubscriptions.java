package io.jsonmig.notification.subscription;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Loads the subscriptions declared in configuration at start-up; a bad one stops the start. */
@ApplicationScoped
class DeclaredSubscriptions {

    void load(@Observes StartupEvent start, SubscriptionConfig declared, GroupConfig groups,
              Subscriptions subscriptions) {
        for (var group : groups.groups().entrySet()) {
            if (!Audiences.STANDARD.contains(group.getValue().receives())) {
                throw new IllegalStateException("jsonmig.notification.groups." + group.getKey() + ".receives: '"
                        + group.getValue().receives() + "' is not one of " + Audiences.STANDARD);
            }
        }
        subscriptions.declare(declared.declared());
        Log.infof("%d subscription(s) declared in configuration", declared.declared().size());
    }
}
