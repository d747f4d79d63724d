package io.jsonmig.support.messaging;

import java.util.List;
import java.util.function.Supplier;

/**
 * A phase cannot finish. Carries every problem found, each naming the file, record or setting
 * concerned, so the operator can fix all of them at once.
 */
public class PhaseFailure extends RuntimeException {

    private final List<String> problems;

    public PhaseFailure(String reason, List<String> problems) {
        super(reason);
        this.problems = List.copyOf(problems);
    }

    public PhaseFailure(String reason) {
        this(reason, List.of(reason));
    }

    public List<String> problems() {
        return problems;
    }

    /**
     * Runs one check of many: its result, or {@code null} with its problems added to {@code problems},
     * so that the next check still runs and every problem is reported at once.
     */
    public static <T> T collecting(List<String> problems, Supplier<T> check) {
        try {
            return check.get();
        } catch (PhaseFailure e) {
            problems.addAll(e.problems());
            return null;
        }
    }
}
