package io.jsonmig.notification.subscription;

import io.jsonmig.notification.delivery.Notification;
import io.quarkus.logging.Log;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The subscriptions: created over REST, declared in configuration, and matched against each message. */
@ApplicationScoped
public class Subscriptions {

    private final SubscriptionValidator validator;
    private final Audiences audiences;
    private final Clock clock;

    Subscriptions(SubscriptionValidator validator, Audiences audiences, Clock clock) {
        this.validator = validator;
        this.audiences = audiences;
        this.clock = clock;
    }

    @Transactional
    public List<SubscriptionView> list() {
        return Subscription.<Subscription>listAll(Sort.by("name")).stream()
                .map(SubscriptionView::of).toList();
    }

    @Transactional
    public Optional<SubscriptionView> find(String name) {
        return Subscription.named(name).map(SubscriptionView::of);
    }

    /** The subscriptions that want this message, with the secrets their channels need. */
    @Transactional
    public List<Subscription> matching(Notification notification) {
        return Subscription.forRun(notification.migrationId()).stream()
                .filter(s -> s.wants(notification, audiences.receives(s.audience)))
                .toList();
    }

    @Transactional
    public SubscriptionView create(SubscriptionRequest request) {
        SubscriptionSpec spec = validator.validate(request);
        if (Subscription.named(spec.name()).isPresent()) {
            throw new SubscriptionConflictException("subscription '" + spec.name() + "' exists already");
        }
        Subscription subscription = new Subscription();
        store(subscription, spec, Subscription.SOURCE_API);
        return SubscriptionView.of(subscription);
    }

    /** Replaces every field; a secret left out keeps the stored one. */
    @Transactional
    public SubscriptionView replace(String name, SubscriptionRequest request) {
        Subscription subscription = writable(name);
        if (request.name() != null && !request.name().equals(name)) {
            throw new InvalidSubscriptionException("name", "'" + request.name()
                    + "' differs from the subscription's name '" + name + "' in the path");
        }
        SubscriptionSpec spec = validator.validate(new SubscriptionRequest(name, request.audience(), request.channel(),
                request.target(), request.events(), request.minSeverity(), request.migrationId(), request.secret()));
        store(subscription, spec, Subscription.SOURCE_API);
        return SubscriptionView.of(subscription);
    }

    /** Deliveries still pending for it are given up by the delivery worker. */
    @Transactional
    public void delete(String name) {
        writable(name).delete();
    }

    /**
     * Makes the stored config-declared subscriptions exactly the declared ones. A declared name
     * takes over a subscription of the same name created over REST.
     */
    @Transactional
    void declare(Map<String, SubscriptionConfig.DeclaredSubscription> declared) {
        for (Map.Entry<String, SubscriptionConfig.DeclaredSubscription> entry : declared.entrySet()) {
            SubscriptionSpec spec = validDeclared(entry.getKey(), entry.getValue());
            Subscription subscription = Subscription.named(spec.name()).orElseGet(Subscription::new);
            if (subscription.id != null && !subscription.isDeclaredInConfig()) {
                Log.warnf("subscription '%s' created over REST is replaced by the one declared in configuration",
                        spec.name());
            }
            subscription.secret = null;
            store(subscription, spec, Subscription.SOURCE_CONFIG);
        }
        Set<String> names = declared.keySet();
        for (Subscription stale : Subscription.<Subscription>list("source", Subscription.SOURCE_CONFIG)) {
            if (!names.contains(stale.name)) {
                Log.infof("subscription '%s' is no longer declared in configuration: removed", stale.name);
                stale.delete();
            }
        }
    }

    private SubscriptionSpec validDeclared(String name, SubscriptionConfig.DeclaredSubscription declared) {
        try {
            return validator.validate(new SubscriptionRequest(name, declared.audience(), declared.channel(),
                    declared.target().orElse(null), declared.events().orElse(null), declared.minSeverity(),
                    declared.migrationId().orElse(null), declared.secret().orElse(null)));
        } catch (InvalidSubscriptionException invalid) {
            String key = "jsonmig.notification.subscriptions." + name + "."
                    + invalid.field().replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
            throw new IllegalStateException(key + ": " + invalid.getMessage().substring(invalid.field().length() + 2),
                    invalid);
        }
    }

    private Subscription writable(String name) {
        Subscription subscription = Subscription.named(name)
                .orElseThrow(() -> new NotFoundException("unknown subscription '" + name + "'"));
        if (subscription.isDeclaredInConfig()) {
            throw new SubscriptionConflictException("subscription '" + name
                    + "' is declared in configuration (jsonmig.notification.subscriptions." + name
                    + ".*) and read-only here");
        }
        if (Subscription.SOURCE_RUN.equals(subscription.source)) {
            throw new SubscriptionConflictException("subscription '" + name + "' is a recipient named by run "
                    + subscription.migrationId + " (its run file's recipients) and read-only here");
        }
        return subscription;
    }

    private void store(Subscription subscription, SubscriptionSpec spec, String source) {
        subscription.show(spec, source, clock.instant());
        if (subscription.channel.isWebhook() && subscription.secret == null) {
            throw new InvalidSubscriptionException("secret", "missing: slack and webhook deliveries are signed "
                    + "with it (at least 16 characters)");
        }
        subscription.persist();
    }
}
