package io.jsonmig.events.payload;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the operator asked for. It travels with every phase event, so each service acts on the
 * event alone. It never holds credentials: the target is a profile name that each service
 * resolves from its own configuration.
 *
 * @param sourceDir     directory of the application's JSON files (never modified)
 * @param schemaDir     directory of versioned SQL migrations ({@code V1__name.sql}) for the target
 * @param mappingFile   collection → table mapping; {@code null} maps collections and fields by name
 * @param targetProfile name of the target database profile, e.g. {@code local} or {@code production}
 * @param requestedBy   who started the run (user name or tool), for the report
 * @param sourceFiles   the JSON files to migrate, relative to {@code sourceDir}; empty takes every
 *                      {@code *.json}, {@code *.ndjson} and {@code *.jsonl} file of the directory
 * @param maintenanceWindow when the run may take the application offline; {@code null} starts it at once
 * @param rejectThreshold how many rejected records the migration tolerates; {@code null} tolerates none
 * @param append        whether the records may be added to target tables that already hold rows; without
 *                      it (the default) every table loaded must be absent or empty. A rollback removes
 *                      exactly the rows the run added, by primary key, so such tables need one.
 * @param layout        the layout the operator expects the source in ({@code db-json}, {@code array-per-file},
 *                      {@code ndjson}); the backup refuses a source found in another. {@code null}: any
 * @param smokeChecks   checks of the migrated application this run adds to verification-service's own
 * @param recipients    e-mail addresses by audience ({@code operators}, {@code stakeholders}, {@code users}
 *                      or a named group) told about this run, beside the standing subscriptions
 * @param dryRun        a rehearsal: the whole pipeline runs into a throwaway schema of the target
 *                      ({@link DryRuns#schemaFor}), verified and reported like a real run, then removed;
 *                      no cut-over is announced and the live JSON files are never written
 * @param stabilization what follows the cut-over: the window during which a rollback carries PostgreSQL's
 *                      writes back into the JSON files; {@code null}: no window, the run ends at the cut-over
 */
public record RunSpec(String sourceDir, String schemaDir, String mappingFile, String targetProfile,
                      String requestedBy, List<String> sourceFiles, MaintenanceWindow maintenanceWindow,
                      RejectThreshold rejectThreshold, boolean append, String layout, List<SmokeCheck> smokeChecks,
                      Map<String, List<String>> recipients, boolean dryRun,
                      Stabilization stabilization) {

    private static final Pattern PROFILE = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    /** The source layouts by the names backup-service reports them with. */
    public static final List<String> LAYOUTS = List.of("db-json", "array-per-file", "ndjson");
    private static final Pattern AUDIENCE = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    /** Deliberately loose: one {@code @}, no spaces or separators; the mail server has the last word. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+");

    public RunSpec {
        Objects.requireNonNull(sourceDir, "sourceDir");
        Objects.requireNonNull(schemaDir, "schemaDir");
        requireValidProfile(targetProfile);
        sourceFiles = sourceFiles == null ? List.of() : List.copyOf(sourceFiles);
        if (layout != null && !LAYOUTS.contains(layout)) {
            throw new IllegalArgumentException("invalid layout '" + layout + "': expected one of " + LAYOUTS);
        }
        smokeChecks = smokeChecks == null ? List.of() : List.copyOf(smokeChecks);
        Set<String> names = new LinkedHashSet<>();
        for (SmokeCheck check : smokeChecks) {
            if (!names.add(check.name())) {
                throw new IllegalArgumentException("smoke check " + check.name() + " is named twice");
            }
        }
        recipients = copyOfAudiences(recipients);
    }

    /** A run without a stabilization window: it ends at its cut-over. */
    public RunSpec(String sourceDir, String schemaDir, String mappingFile, String targetProfile, String requestedBy,
                   List<String> sourceFiles, MaintenanceWindow maintenanceWindow, RejectThreshold rejectThreshold,
                   boolean append, String layout, List<SmokeCheck> smokeChecks,
                   Map<String, List<String>> recipients, boolean dryRun) {
        this(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles, maintenanceWindow,
                rejectThreshold, append, layout, smokeChecks, recipients, dryRun, null);
    }

    /** A run with none of the later options: no layout expected, no smoke checks or recipients of its own. */
    public RunSpec(String sourceDir, String schemaDir, String mappingFile, String targetProfile, String requestedBy,
                   List<String> sourceFiles, MaintenanceWindow maintenanceWindow, RejectThreshold rejectThreshold,
                   boolean append) {
        this(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles, maintenanceWindow,
                rejectThreshold, append, null, List.of(), Map.of(), false);
    }

    /** A run into absent or empty tables. */
    public RunSpec(String sourceDir, String schemaDir, String mappingFile, String targetProfile, String requestedBy,
                   List<String> sourceFiles, MaintenanceWindow maintenanceWindow, RejectThreshold rejectThreshold) {
        this(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles, maintenanceWindow,
                rejectThreshold, false);
    }

    /** A run that tolerates no rejected record. */
    public RunSpec(String sourceDir, String schemaDir, String mappingFile, String targetProfile, String requestedBy,
                   List<String> sourceFiles, MaintenanceWindow maintenanceWindow) {
        this(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles, maintenanceWindow, null);
    }

    /** A run that starts at once. */
    public RunSpec(String sourceDir, String schemaDir, String mappingFile, String targetProfile, String requestedBy,
                   List<String> sourceFiles) {
        this(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles, null);
    }

    /** A run over every JSON file of the source directory that starts at once. */
    public RunSpec(String sourceDir, String schemaDir, String mappingFile, String targetProfile, String requestedBy) {
        this(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, List.of(), null);
    }

    /** The same run, taking the application offline only within {@code window} ({@code null}: at once). */
    public RunSpec withMaintenanceWindow(MaintenanceWindow window) {
        return new RunSpec(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles, window,
                rejectThreshold, append, layout, smokeChecks, recipients, dryRun, stabilization);
    }

    /** The same run, tolerating rejected records up to {@code threshold} ({@code null}: none). */
    public RunSpec withRejectThreshold(RejectThreshold threshold) {
        return new RunSpec(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles,
                maintenanceWindow, threshold, append, layout, smokeChecks, recipients, dryRun, stabilization);
    }

    /** The same run, adding to tables that already hold rows ({@code true}) or only into empty ones. */
    public RunSpec withAppend(boolean append) {
        return new RunSpec(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles,
                maintenanceWindow, rejectThreshold, append, layout, smokeChecks, recipients, dryRun, stabilization);
    }

    /** The same run, expecting its source in {@code layout} ({@code null}: whatever backup-service finds). */
    public RunSpec withLayout(String layout) {
        return new RunSpec(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles,
                maintenanceWindow, rejectThreshold, append, layout, smokeChecks, recipients, dryRun, stabilization);
    }

    /** The same run, with these smoke checks of its own. */
    public RunSpec withSmokeChecks(List<SmokeCheck> checks) {
        return new RunSpec(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles,
                maintenanceWindow, rejectThreshold, append, layout, checks, recipients, dryRun, stabilization);
    }

    /** The same run, telling these addresses by audience. */
    public RunSpec withRecipients(Map<String, List<String>> recipients) {
        return new RunSpec(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles,
                maintenanceWindow, rejectThreshold, append, layout, smokeChecks, recipients, dryRun, stabilization);
    }

    /** The same run as a rehearsal into a throwaway schema ({@code true}) or for real. */
    public RunSpec withDryRun(boolean dryRun) {
        return new RunSpec(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles,
                maintenanceWindow, rejectThreshold, append, layout, smokeChecks, recipients, dryRun, stabilization);
    }

    /** The same run with this stabilization window after its cut-over ({@code null}: none). */
    public RunSpec withStabilization(Stabilization stabilization) {
        return new RunSpec(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles,
                maintenanceWindow, rejectThreshold, append, layout, smokeChecks, recipients, dryRun, stabilization);
    }

    /**
     * The stabilization in force: the one asked for, or none (the run ends at the cut-over). A dry run is
     * never cut over, so it never has a window, whatever it asked for.
     */
    public Stabilization effectiveStabilization() {
        return stabilization == null || dryRun ? Stabilization.NONE : stabilization;
    }

    /** What the stabilization window checks: its own probes, or else this run's smoke checks. */
    public List<SmokeCheck> effectiveProbes() {
        return effectiveStabilization().effectiveProbes(smokeChecks);
    }

    /** The threshold in force: the one asked for, or none tolerated. */
    public RejectThreshold effectiveRejectThreshold() {
        return rejectThreshold == null ? RejectThreshold.NONE : rejectThreshold;
    }

    private static Map<String, List<String>> copyOfAudiences(Map<String, List<String>> recipients) {
        if (recipients == null || recipients.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        recipients.forEach((audience, addresses) -> {
            requireValidAudience(audience);
            List<String> list = addresses == null ? List.of() : List.copyOf(addresses);
            list.forEach(address -> requireValidEmail(audience, address));
            copy.put(audience, list);
        });
        return java.util.Collections.unmodifiableMap(copy);
    }

    /** An audience of {@link #recipients}: {@code operators}, {@code stakeholders}, {@code users} or a group name. */
    public static String requireValidAudience(String audience) {
        if (audience == null || !AUDIENCE.matcher(audience).matches()) {
            throw new IllegalArgumentException("invalid audience '" + audience
                    + "': expected operators, stakeholders, users or a group name (lower-case letters, digits, '_', '-')");
        }
        return audience;
    }

    /** One address of {@code audience} in {@link #recipients}. */
    public static String requireValidEmail(String audience, String address) {
        if (address == null || !EMAIL.matcher(address).matches()) {
            throw new IllegalArgumentException("audience " + audience + ": '" + address + "' is not an e-mail address");
        }
        return address;
    }

    public static String requireValidProfile(String profile) {
        if (profile == null || !PROFILE.matcher(profile).matches()) {
            throw new IllegalArgumentException("invalid target profile '" + profile
                    + "': expected a lower-case name of letters, digits and '_' (e.g. local, staging)");
        }
        return profile;
    }
}
