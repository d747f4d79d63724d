package io.jsonmig.events.serde;

/** A record that is not a valid jsonmig event; the message says why. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
