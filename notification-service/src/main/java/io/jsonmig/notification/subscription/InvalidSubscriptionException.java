package io.jsonmig.notification.subscription;

/** A subscription field that cannot be accepted, named so the caller can fix it. */
public class InvalidSubscriptionException extends RuntimeException {

    private final String field;

    public InvalidSubscriptionException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
