package io.jsonmig.notification.delivery;

/** Where a delivery stands: waiting for its (next) attempt, sent, or given up after its last attempt. */
public enum DeliveryStatus {
    PENDING,
    SENT,
    FAILED
}
