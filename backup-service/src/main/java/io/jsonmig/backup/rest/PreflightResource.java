package io.jsonmig.backup.rest;

import io.jsonmig.backup.snapshot.SnapshotService;
import io.jsonmig.events.preflight.PreflightReport;
import io.jsonmig.support.preflight.PreflightJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /preflight}: the source side of a run's pre-flight checklist, made with the backup
 * phase's own checks (it reads and parses every source file, and writes nothing).
 */
@Path("/preflight")
public class PreflightResource {

    static final String SERVICE = "backup-service";

    private final SnapshotService snapshots;

    public PreflightResource(SnapshotService snapshots) {
        this.snapshots = snapshots;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String preflight(String body) {
        return PreflightJson.write(new PreflightReport(SERVICE, snapshots.inspect(PreflightJson.runSpec(body)).checks()));
    }
}
