package io.jsonmig.notification.subscription;

/** The request clashes with what exists: a taken name, or a subscription declared in configuration. */
public class SubscriptionConflictException extends RuntimeException {

    public SubscriptionConflictException(String message) {
        super(message);
    }
}
