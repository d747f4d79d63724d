package io.jsonmig.notification.delivery;

import io.jsonmig.notification.delivery.channel.DeliveryChannel;
import io.jsonmig.notification.metrics.DeliveryCounters;
import io.jsonmig.notification.subscription.Channel;
import io.jsonmig.support.tracing.RunTraces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends what the ledger has due: every poll it claims as many deliveries as it has free senders,
 * and sends each on its own thread with a bounded timeout, so a slow or failing channel holds up
 * only its own deliveries.
 */
@ApplicationScoped
class DeliveryWorker {

    static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("jsonmig.delivery.channel");
    static final AttributeKey<String> SUBSCRIPTION = AttributeKey.stringKey("jsonmig.delivery.subscription");
    static final AttributeKey<String> AUDIENCE = AttributeKey.stringKey("jsonmig.delivery.audience");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("jsonmig.delivery.attempt");
    /** sent, retrying (a later attempt follows) or failed (given up). */
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("jsonmig.delivery.outcome");

    private final DeliveryLedger ledger;
    private final DeliveryCounters counters;
    private final Map<Channel, DeliveryChannel> channels = new EnumMap<>(Channel.class);
    private final Semaphore senders;
    private final ExecutorService executor;
    private final RunTraces traces;

    DeliveryWorker(DeliveryLedger ledger, Instance<DeliveryChannel> channels, DeliveryConfig config,
                   DeliveryCounters counters, RunTraces traces) {
        this.ledger = ledger;
        this.counters = counters;
        this.traces = traces;
        channels.forEach(channel -> this.channels.put(channel.channel(), channel));
        this.senders = new Semaphore(config.concurrency());
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(config.concurrency(), task -> {
            Thread thread = new Thread(task, "jsonmig-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Scheduled(identity = "delivery-worker", every = "${jsonmig.notification.delivery.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deliverDue() {
        int free = senders.availablePermits();
        if (free == 0) {
            return;
        }
        List<PendingDelivery> claimed = ledger.claimDue(free);
        for (PendingDelivery delivery : claimed) {
            senders.acquireUninterruptibly();
            executor.execute(() -> {
                try {
                    attempt(delivery);
                } finally {
                    senders.release();
                }
            });
        }
    }

    /** One attempt, a span in the trace of the event the message is about. */
    private void attempt(PendingDelivery delivery) {
        Span span = traces.startLater("deliver " + delivery.channel().wireName(), delivery.traceparent(),
                delivery.notification().migrationId());
        span.setAttribute(CHANNEL, delivery.channel().wireName());
        span.setAttribute(SUBSCRIPTION, delivery.subscriptionName());
        span.setAttribute(AUDIENCE, delivery.notification().audience());
        span.setAttribute(ATTEMPT, (long) delivery.attempt());
        try (Scope ignored = span.makeCurrent()) {
            send(delivery, span);
        } finally {
            span.end();
        }
    }

    private void send(PendingDelivery delivery, Span span) {
        try {
            channels.get(delivery.channel()).send(delivery);
            ledger.sent(delivery.id());
            counters.sent(delivery.channel());
            span.setAttribute(OUTCOME, "sent");
            Log.debugf("delivery %d (%s, %s) sent", delivery.id(), delivery.subscriptionName(),
                    delivery.channel().wireName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            String error = describe(e);
            boolean retried = ledger.failed(delivery.id(), error);
            counters.failed(delivery.channel());
            span.setAttribute(OUTCOME, retried ? "retrying" : "failed");
            RunTraces.failed(span, e);
            Log.warnf("[%s] delivery %d to subscription '%s' (%s), attempt %d, failed: %s%s",
                    delivery.notification().migrationId(), delivery.id(), delivery.subscriptionName(),
                    delivery.channel().wireName(), delivery.attempt(), error, retried ? "; will retry" : "; giving up");
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + message;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        executor.shutdownNow();
    }
}
