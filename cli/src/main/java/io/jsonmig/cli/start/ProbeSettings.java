package io.jsonmig.cli.start;

import io.jsonmig.events.payload.BaselineSettings;
import io.jsonmig.events.payload.RollbackOn;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.events.payload.Stabilization;
import io.jsonmig.events.payload.StabilizationMode;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * What the stabilization window checks, as given: the probes, how often, the baseline and the
 * thresholds (run file {@code stabilization.*}, or flags). A {@code null} setting was not given and
 * takes the contract's default ({@link Stabilization}); probes not given are the run's smoke checks.
 *
 * @param probes by name, in the order given; {@code null} when none were given
 */
public record ProbeSettings(Map<String, Setting<SmokeCheck>> probes, Setting<Duration> interval,
                            Setting<Long> samples, Setting<Long> failuresInARow, Setting<Double> p95Factor,
                            Setting<Duration> over, Setting<Double> errorRate, Setting<Double> connectionsShare,
                            Setting<String> mode) {

    public static final ProbeSettings NONE = new ProbeSettings(null, null, null, null, null, null, null, null, null);

    public ProbeSettings {
        probes = probes == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(probes));
    }

    /** These where given, {@code lower}'s elsewhere; a probe replaces the one of the same name. */
    ProbeSettings over(ProbeSettings lower) {
        Map<String, Setting<SmokeCheck>> merged = null;
        if (probes != null || lower.probes != null) {
            merged = new LinkedHashMap<>(lower.probes == null ? Map.of() : lower.probes);
            merged.putAll(probes == null ? Map.of() : probes);
        }
        return new ProbeSettings(merged, first(interval, lower.interval), first(samples, lower.samples),
                first(failuresInARow, lower.failuresInARow), first(p95Factor, lower.p95Factor),
                first(over, lower.over), first(errorRate, lower.errorRate),
                first(connectionsShare, lower.connectionsShare), first(mode, lower.mode));
    }

    /** A window of {@code window} with these settings, each problem reported where its value was given. */
    Stabilization stabilization(Duration window, List<String> problems) {
        int before = problems.size();
        checked(samples, s -> new BaselineSettings(Math.toIntExact(s)), problems);
        checked(failuresInARow, n -> new RollbackOn(Math.toIntExact(n), null, null, null, null), problems);
        checked(p95Factor, k -> new RollbackOn(null, k, null, null, null), problems);
        checked(over, m -> new RollbackOn(null, null, m, null, null), problems);
        checked(errorRate, r -> new RollbackOn(null, null, null, r, null), problems);
        checked(connectionsShare, c -> new RollbackOn(null, null, null, null, c), problems);
        checked(interval, i -> new Stabilization(Duration.ZERO, null, i, null, null, null), problems);
        StabilizationMode chosen = mode(problems);
        if (problems.size() > before) {
            return null;
        }
        return new Stabilization(window, probes == null ? null : probes.values().stream().map(Setting::value).toList(),
                value(interval), samples == null ? null : new BaselineSettings(Math.toIntExact(samples.value())),
                new RollbackOn(failuresInARow == null ? null : Math.toIntExact(failuresInARow.value()), value(p95Factor),
                        value(over), value(errorRate), value(connectionsShare)), chosen);
    }

    /** Each setting, given or by default, for {@code start --verbose}. */
    void describe(List<String> lines) {
        if (probes == null) {
            lines.add(String.format("  %-34s %s  (%s)", RunField.PROBES.key(), "the smoke checks",
                    new Origin.Default(RunField.PROBES).describe()));
        } else if (probes.isEmpty()) {
            lines.add(String.format("  %-34s %s", RunField.PROBES.key(), "none"));
        } else {
            probes.values().forEach(probe -> line(lines, RunField.PROBES, probe.map(ProbeSettings::format)));
        }
        line(lines, RunField.PROBE_INTERVAL, interval, Stabilization.DEFAULT_INTERVAL);
        line(lines, RunField.BASELINE_SAMPLES, samples, BaselineSettings.DEFAULT_SAMPLES);
        line(lines, RunField.FAILURES_IN_A_ROW, failuresInARow, RollbackOn.DEFAULT_FAILURES_IN_A_ROW);
        line(lines, RunField.P95_FACTOR, p95Factor, RollbackOn.DEFAULT_P95_FACTOR);
        line(lines, RunField.OVER, over, RollbackOn.DEFAULT_OVER);
        line(lines, RunField.ERROR_RATE, errorRate, RollbackOn.DEFAULT_ERROR_RATE);
        line(lines, RunField.CONNECTIONS_SHARE, connectionsShare, RollbackOn.DEFAULT_CONNECTIONS_SHARE);
        line(lines, RunField.STABILIZATION_MODE, mode, "rollback");
    }

    Stream<Setting<?>> all() {
        Stream<Setting<?>> single = Stream.of(interval, samples, failuresInARow, p95Factor, over, errorRate,
                connectionsShare, mode);
        return Stream.concat(single, probes == null ? Stream.empty() : probes.values().stream()).filter(s -> s != null);
    }

    /** A probe as {@code --probe} takes it, with its HTTP settings after it. */
    static String format(SmokeCheck probe) {
        String base = SmokeCheckFlag.format(probe);
        if (probe.isSql()) {
            return base;
        }
        return base + (probe.method() == null ? "" : " method " + probe.method())
                + (probe.bodyContains() == null ? "" : " bodyContains '" + probe.bodyContains() + "'")
                + (probe.timeout() == null ? "" : " timeout " + probe.timeout());
    }

    private StabilizationMode mode(List<String> problems) {
        String given = value(mode);
        if (given == null) {
            return null;
        }
        try {
            return StabilizationMode.valueOf(given.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(mode.origin().problem("'" + given + "' is not a mode: expected rollback (roll back by itself) "
                    + "or alert (tell the operators only)"));
            return null;
        }
    }

    private static <T> void checked(Setting<T> setting, Function<T, ?> check, List<String> problems) {
        if (setting == null || !setting.readable()) {
            return;
        }
        try {
            check.apply(setting.value());
        } catch (IllegalArgumentException | ArithmeticException e) {
            problems.add(setting.origin().problem(e.getMessage()));
        }
    }

    private static <T> void line(List<String> lines, RunField field, Setting<T> setting, Object fallback) {
        line(lines, field, setting == null ? new Setting<Object>(fallback, new Origin.Default(field)) : setting.map(v -> v));
    }

    private static <T> void line(List<String> lines, RunField field, Setting<T> setting) {
        if (setting != null && setting.readable()) {
            lines.add(String.format("  %-34s %s  (%s)", field.key(), setting.value(), setting.origin().describe()));
        }
    }

    private static <T> Setting<T> first(Setting<T> preferred, Setting<T> otherwise) {
        return preferred != null ? preferred : otherwise;
    }

    private static <T> T value(Setting<T> setting) {
        return setting == null ? null : setting.value();
    }
}
