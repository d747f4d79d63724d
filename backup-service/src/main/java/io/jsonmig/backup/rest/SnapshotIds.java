package io.jsonmig.backup.rest;

import io.jsonmig.events.MigrationIds;
import jakarta.ws.rs.BadRequestException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Snapshot ids arrive in URLs: only {@code <migrationId>-a<attempt>} (a backup) or
 * {@code <migrationId>-a<attempt>-reverse} (a reverse sync's export of the fenced tables) is accepted.
 */
final class SnapshotIds {

    private static final Pattern SNAPSHOT_ID = Pattern.compile("(?<migrationId>.+)-a(?<attempt>[1-9][0-9]{0,8})(-reverse)?");

    private SnapshotIds() {
    }

    static String requireValid(String snapshotId) {
        Matcher matcher = snapshotId == null ? null : SNAPSHOT_ID.matcher(snapshotId);
        if (matcher == null || !matcher.matches() || !MigrationIds.isValid(matcher.group("migrationId"))) {
            throw new BadRequestException("invalid snapshot id '" + snapshotId
                    + "': a snapshot id is <run id>-a<attempt>, e.g. mig-20261125-153600-7f3a-a1, or a reverse sync's "
                    + "<run id>-a<attempt>-reverse");
        }
        return snapshotId;
    }
}
