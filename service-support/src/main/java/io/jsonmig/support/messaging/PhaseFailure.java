package io.jsonmig.support.messaging;

import java.util.List;

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
}
