package io.jsonmig.events.payload;

import java.util.List;
import java.util.Objects;
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
 */
public record RunSpec(String sourceDir, String schemaDir, String mappingFile, String targetProfile,
                      String requestedBy, List<String> sourceFiles, MaintenanceWindow maintenanceWindow,
                      RejectThreshold rejectThreshold, boolean append) {

    private static final Pattern PROFILE = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public RunSpec {
        Objects.requireNonNull(sourceDir, "sourceDir");
        Objects.requireNonNull(schemaDir, "schemaDir");
        requireValidProfile(targetProfile);
        sourceFiles = sourceFiles == null ? List.of() : List.copyOf(sourceFiles);
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
                rejectThreshold, append);
    }

    /** The same run, tolerating rejected records up to {@code threshold} ({@code null}: none). */
    public RunSpec withRejectThreshold(RejectThreshold threshold) {
        return new RunSpec(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles,
                maintenanceWindow, threshold, append);
    }

    /** The same run, adding to tables that already hold rows ({@code true}) or only into empty ones. */
    public RunSpec withAppend(boolean append) {
        return new RunSpec(sourceDir, schemaDir, mappingFile, targetProfile, requestedBy, sourceFiles,
                maintenanceWindow, rejectThreshold, append);
    }

    /** The threshold in force: the one asked for, or none tolerated. */
    public RejectThreshold effectiveRejectThreshold() {
        return rejectThreshold == null ? RejectThreshold.NONE : rejectThreshold;
    }

    public static String requireValidProfile(String profile) {
        if (profile == null || !PROFILE.matcher(profile).matches()) {
            throw new IllegalArgumentException("invalid target profile '" + profile
                    + "': expected a lower-case name of letters, digits and '_' (e.g. local, staging)");
        }
        return profile;
    }
}
