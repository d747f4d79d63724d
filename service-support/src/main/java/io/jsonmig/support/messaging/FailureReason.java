package io.jsonmig.support.messaging;

/**
 * What an unexpected exception says to an operator, in one line: itself and its innermost cause.
 * Wrappers such as a failed commit's {@code Error invoking subclass method} say nothing one can act
 * on; the cause (the database's own message, say) does.
 */
public final class FailureReason {

    private FailureReason() {
    }

    public static String of(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? oneLine(failure) : oneLine(failure) + "; caused by " + oneLine(root);
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip().lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }
}
