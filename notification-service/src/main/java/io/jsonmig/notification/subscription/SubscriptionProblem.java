package io.jsonmig.notification.subscription;

/** The body of an error response about a subscription: what was wrong and, if one, in which field. */
public record SubscriptionProblem(String error, String field) {
}
