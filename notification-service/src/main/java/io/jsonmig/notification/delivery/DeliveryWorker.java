package io.jsonmig.notification.delivery;

import io.jsonmig.notification.delivery.channel.DeliveryChannel;
import io.jsonmig.notification.metrics.DeliveryCounters;
import io.jsonmig.notification.subscription.Channel;
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

    private final DeliveryLedger ledger;
    private final DeliveryCounters counters;
    private final Map<Channel, DeliveryChannel> channels = new EnumMap<>(Channel.class);
    private final Semaphore senders;
    private final ExecutorService executor;

    DeliveryWorker(DeliveryLedger ledger, Instance<DeliveryChannel> channels, DeliveryConfig config,
                   DeliveryCounters counters) {
        this.ledger = ledger;
        this.counters = counters;
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

    private void attempt(PendingDelivery delivery) {
        try {
            channels.get(delivery.channel()).send(delivery);
            ledger.sent(delivery.id());
            counters.sent(delivery.channel());
            Log.debugf("delivery %d (%s, %s) sent", delivery.id(), delivery.subscriptionName(),
                    delivery.channel().wireName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            String error = describe(e);
            boolean retried = ledger.failed(delivery.id(), error);
            counters.failed(delivery.channel());
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
