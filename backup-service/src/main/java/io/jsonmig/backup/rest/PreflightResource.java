package io.jsonmig.backup.rest;

import io.jsonmig.backup.snapshot.SnapshotService;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.support.preflight.PreflightEndpoint;
import jakarta.ws.rs.Path;

import java.util.List;

/**
 * {@code POST /preflight}: the source side of a run's pre-flight checklist, made with the backup
 * phase's own checks (it reads and parses every source file, and writes nothing).
 */
@Path("/preflight")
public class PreflightResource extends PreflightEndpoint {

    static final String SERVICE = "backup-service";

    private final SnapshotService snapshots;

    public PreflightResource(SnapshotService snapshots) {
        super(SERVICE);
        this.snapshots = snapshots;
    }

    @Override
    protected List<PreflightCheck> check(RunSpec spec) {
        return snapshots.inspect(spec).checks();
    }
}
