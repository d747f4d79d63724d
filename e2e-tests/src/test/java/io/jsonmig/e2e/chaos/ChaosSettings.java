package io.jsonmig.e2e.chaos;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How many runs, from which seed, on how many records; from system properties, which
 * {@code e2e-tests/run-chaos.sh} sets:
 * <ul>
 * <li>{@code jsonmig.chaos.runs}: random plans of 1 to {@code jsonmig.chaos.max-faults} (3) faults each;
 *     0 or absent: the three plans CI runs, one of each fault kind;</li>
 * <li>{@code jsonmig.chaos.seed}: the seed of every plan (printed at the start; absent: a new one);</li>
 * <li>{@code jsonmig.chaos.run-seed}: replays one run's plan (printed with each run);</li>
 * <li>{@code jsonmig.chaos.records}: records of the generated source (about);</li>
 * <li>{@code jsonmig.chaos.run-timeout-minutes}: a run without an end state by then is stuck.</li>
 * </ul>
 */
record ChaosSettings(int runs, int maxFaults, long seed, OptionalLong runSeed, long records, Duration runTimeout) {

    static final long CI_RECORDS = 20_000;

    static ChaosSettings fromSystemProperties() {
        return new ChaosSettings(
                Integer.parseInt(property("jsonmig.chaos.runs", "0")),
                Integer.parseInt(property("jsonmig.chaos.max-faults", "3")),
                Long.parseLong(property("jsonmig.chaos.seed", Long.toString(ThreadLocalRandom.current().nextLong()))),
                property("jsonmig.chaos.run-seed", "").isEmpty() ? OptionalLong.empty()
                        : OptionalLong.of(Long.parseLong(property("jsonmig.chaos.run-seed", ""))),
                Long.parseLong(property("jsonmig.chaos.records", Long.toString(CI_RECORDS))),
                Duration.ofMinutes(Long.parseLong(property("jsonmig.chaos.run-timeout-minutes", "10"))));
    }

    private static String property(String name, String fallback) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
