package io.jsonmig.events.payload;

/** What a stabilization trigger does when it fires. */
public enum StabilizationMode {
    /** Request the rollback back to the JSON files ({@code rollback.requested}, after the cut-over). */
    ROLLBACK,
    /** Only alert the operators; they decide (e.g. with {@code jsonmig rollback}). */
    ALERT
}
