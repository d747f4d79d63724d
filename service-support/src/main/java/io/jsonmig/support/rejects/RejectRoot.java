package io.jsonmig.support.rejects;

import io.smallrye.config.ConfigMapping;

/**
 * Where the runs' reject files are: {@code <root>/<migrationId>/}. migration-service writes them, backup-service's
 * retention removes a run's directory together with the run's last snapshot. By default under the snapshot root
 * ({@code <JSONMIG_SNAPSHOT_ROOT>/rejects}), so jsonmig's own files stay in jsonmig's place, with the snapshots'
 * permissions and retention; {@code JSONMIG_REJECT_ROOT} puts them elsewhere (both services must see the same).
 */
@ConfigMapping(prefix = "jsonmig.rejects")
public interface RejectRoot {

    /** The directory holding one directory per run; always among the allowed storage roots. */
    String root();
}
