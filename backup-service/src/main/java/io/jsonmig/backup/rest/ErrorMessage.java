package io.jsonmig.backup.rest;

/** The body of every error response: what was wrong, in words. */
public record ErrorMessage(String error) {
}
