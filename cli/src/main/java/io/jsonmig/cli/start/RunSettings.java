package io.jsonmig.cli.start;

import io.jsonmig.events.payload.MaintenanceWindow;
import io.jsonmig.events.payload.RejectThreshold;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.events.payload.Stabilization;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every setting of a run with where it was given: the flags, or a run file, or the flags over a run
 * file. A {@code null} setting was not given. Checked as a whole by {@link #toSpec}, which reports
 * each problem where its value was given.
 *
 * @param files       the source files; none takes every JSON file of the source directory
 * @param smokeChecks by name, in the order given
 * @param recipients  e-mail addresses by audience, in the order given
 * @param stabilizationWindow how long after the cut-over the run stays STABILIZING; zero for none;
 *                    when not given {@link Stabilization#DEFAULT_WINDOW}, and none for a dry run (it
 *                    never cuts over)
 */
public record RunSettings(Setting<String> source, List<Setting<String>> files, Setting<String> layout,
                          Setting<String> schema, Setting<String> mapping, Setting<String> target,
                          Setting<Long> maxRejects, Setting<Double> maxRejectRatio, Setting<Boolean> append,
                          Setting<String> scheduledAt, Setting<Duration> expectedDowntime,
                          Map<String, Setting<SmokeCheck>> smokeChecks, Map<String, Setting<List<String>>> recipients,
                          Setting<Boolean> dryRun, Setting<Boolean> remotePaths,
                          Setting<Duration> stabilizationWindow) {

    /** Nothing given. */
    public static final RunSettings NONE = new RunSettings(null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null);

    public RunSettings {
        files = files == null ? List.of() : List.copyOf(files);
        smokeChecks = smokeChecks == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(smokeChecks));
        recipients = recipients == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(recipients));
    }

    /**
     * These settings where given, {@code lower}'s elsewhere: a flag wins over the run file. The source
     * files are replaced as a whole; a smoke check replaces the one of the same name, an audience's
     * addresses those of the same audience.
     */
    public RunSettings over(RunSettings lower) {
        Map<String, Setting<SmokeCheck>> checks = new LinkedHashMap<>(lower.smokeChecks);
        checks.putAll(smokeChecks);
        Map<String, Setting<List<String>>> audiences = new LinkedHashMap<>(lower.recipients);
        audiences.putAll(recipients);
        return new RunSettings(first(source, lower.source), files.isEmpty() ? lower.files : files,
                first(layout, lower.layout), first(schema, lower.schema), first(mapping, lower.mapping),
                first(target, lower.target), first(maxRejects, lower.maxRejects),
                first(maxRejectRatio, lower.maxRejectRatio), first(append, lower.append),
                first(scheduledAt, lower.scheduledAt), first(expectedDowntime, lower.expectedDowntime), checks,
                audiences, first(dryRun, lower.dryRun), first(remotePaths, lower.remotePaths),
                first(stabilizationWindow, lower.stabilizationWindow));
    }

    /**
     * The run these settings describe, or every problem at once. A setting that could not be read
     * ({@link Setting#readable()}) fails the run without a problem of its own here: whoever read it
     * reported it.
     *
     * @param runFile the run file as named, to say where a missing setting belongs; {@code null} without one
     */
    public RunSpec toSpec(String requestedBy, Instant now, String runFile) throws RunRequest.InvalidRunRequestException {
        List<String> problems = new ArrayList<>();
        requirePresent(source, RunField.SOURCE, runFile, problems);
        requirePresent(schema, RunField.SCHEMA, runFile, problems);
        RunSpec spec = null;
        try {
            spec = new RunRequest(source, schema, mapping, target, flag(remotePaths), files).toSpec(requestedBy);
        } catch (RunRequest.InvalidRunRequestException e) {
            problems.addAll(e.problems());
        }
        MaintenanceWindow window = new MaintenanceWindowRequest(scheduledAt, expectedDowntime).toWindow(now, problems);
        RejectThreshold threshold = rejectThreshold(problems);
        checkLayout(problems);
        Stabilization stabilization = stabilization(problems);
        if (!problems.isEmpty() || spec == null || !everyValueRead()) {
            throw new RunRequest.InvalidRunRequestException(problems);
        }
        Map<String, List<String>> addresses = new LinkedHashMap<>();
        recipients.forEach((audience, given) -> addresses.put(audience, given.value()));
        return spec.withMaintenanceWindow(window).withRejectThreshold(threshold).withAppend(flag(append))
                .withLayout(value(layout)).withSmokeChecks(smokeChecks.values().stream().map(Setting::value).toList())
                .withRecipients(addresses).withDryRun(flag(dryRun)).withStabilization(stabilization);
    }

    /** Each setting given, its value and where it came from, one line each (for {@code start --verbose}). */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        line(lines, RunField.SOURCE, source);
        files.forEach(file -> line(lines, RunField.FILES, file));
        line(lines, RunField.LAYOUT, layout);
        line(lines, RunField.SCHEMA, schema);
        line(lines, RunField.MAPPING, mapping);
        line(lines, RunField.TARGET, target == null
                ? new Setting<>(RunRequest.DEFAULT_TARGET_PROFILE, new Origin.Default(RunField.TARGET)) : target);
        line(lines, RunField.MAX_REJECTS, maxRejects);
        line(lines, RunField.MAX_REJECT_RATIO, maxRejectRatio);
        line(lines, RunField.APPEND, append);
        line(lines, RunField.SCHEDULED_AT, scheduledAt);
        line(lines, RunField.EXPECTED_DOWNTIME, expectedDowntime);
        smokeChecks.forEach((name, check) -> line(lines, RunField.SMOKE_CHECKS, check.map(SmokeCheckFlag::format)));
        recipients.forEach((audience, addresses) -> line(lines, RunField.NOTIFY,
                addresses.map(list -> audience + "=" + String.join(",", list))));
        line(lines, RunField.DRY_RUN, dryRun);
        line(lines, RunField.REMOTE_PATHS, remotePaths);
        line(lines, RunField.STABILIZATION_WINDOW, stabilizationWindow == null && !flag(dryRun)
                ? new Setting<>(Stabilization.DEFAULT_WINDOW, new Origin.Default(RunField.STABILIZATION_WINDOW))
                : stabilizationWindow);
        return lines;
    }

    private boolean everyValueRead() {
        List<Setting<?>> all = new ArrayList<>(List.of());
        for (Setting<?> setting : new Setting<?>[]{source, layout, schema, mapping, target, maxRejects, maxRejectRatio,
                append, scheduledAt, expectedDowntime, dryRun, remotePaths, stabilizationWindow}) {
            if (setting != null) {
                all.add(setting);
            }
        }
        all.addAll(files);
        all.addAll(smokeChecks.values());
        all.addAll(recipients.values());
        return all.stream().allMatch(Setting::readable);
    }

    private RejectThreshold rejectThreshold(List<String> problems) {
        Long count = value(maxRejects);
        Double ratio = value(maxRejectRatio);
        boolean valid = true;
        if (count != null && count < 0) {
            problems.add(maxRejects.origin().problem(count + " is negative: give 0 or more"));
            valid = false;
        }
        if (ratio != null && !(ratio >= 0 && ratio <= 1)) {
            problems.add(maxRejectRatio.origin().problem(ratio + " is not between 0 and 1"));
            valid = false;
        }
        return !valid || count == null && ratio == null ? null : new RejectThreshold(count, ratio);
    }

    private Stabilization stabilization(List<String> problems) {
        Duration window = value(stabilizationWindow);
        if (window == null) {
            return flag(dryRun) ? null : Stabilization.of(Stabilization.DEFAULT_WINDOW);
        }
        try {
            return Stabilization.of(window);
        } catch (IllegalArgumentException e) {
            problems.add(stabilizationWindow.origin().problem(e.getMessage()));
            return null;
        }
    }

    private void checkLayout(List<String> problems) {
        String given = value(layout);
        if (given != null && !RunSpec.LAYOUTS.contains(given)) {
            problems.add(layout.origin().problem("'" + given + "' is not a source layout: expected "
                    + String.join(", ", RunSpec.LAYOUTS) + Suggestions.didYouMean(given, RunSpec.LAYOUTS)));
        }
    }

    private static void requirePresent(Setting<?> setting, RunField field, String runFile, List<String> problems) {
        if (setting == null) {
            problems.add(runFile == null ? "missing the " + field.label() + " (" + field.flag() + ")"
                    : runFile + ": " + field.key() + ": missing: give the " + field.label() + " in the run file or as "
                    + field.flag());
        }
    }

    private static <T> Setting<T> first(Setting<T> preferred, Setting<T> otherwise) {
        return preferred != null ? preferred : otherwise;
    }

    private static <T> T value(Setting<T> setting) {
        return setting == null ? null : setting.value();
    }

    private static boolean flag(Setting<Boolean> setting) {
        return Boolean.TRUE.equals(value(setting));
    }

    private static <T> void line(List<String> lines, RunField field, Setting<T> setting) {
        if (setting != null && setting.readable()) {
            lines.add(String.format("  %-34s %s  (%s)", field.key(), setting.value(), setting.origin().describe()));
        }
    }
}
