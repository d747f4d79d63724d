package io.jsonmig.backup.rest;

import io.jsonmig.support.auth.ApiRoles;
import jakarta.annotation.security.RolesAllowed;
import io.jsonmig.backup.drift.DriftCheck;
import io.jsonmig.backup.restore.RestoreReport;
import io.jsonmig.backup.restore.SnapshotLookup;
import io.jsonmig.backup.restore.SnapshotRefusedException;
import io.jsonmig.backup.restore.SnapshotRestore;
import io.jsonmig.backup.restore.TrustedSnapshots;
import io.jsonmig.support.snapshot.Manifest;
import io.jsonmig.backup.snapshot.Snapshot;
import io.jsonmig.backup.snapshot.SnapshotService;
import io.jsonmig.events.MigrationIds;
import io.jsonmig.events.payload.DriftChecked;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.io.IOException;
import java.util.List;

/** The snapshots backup-service has taken: list, show, verify, compare with the live files, restore. */
@Path("/snapshots")
@Produces(MediaType.APPLICATION_JSON)
public class SnapshotResource {

    private final SnapshotLookup lookup;
    private final TrustedSnapshots trusted;
    private final SnapshotService snapshots;
    private final DriftCheck drift;
    private final SnapshotRestore restore;

    public SnapshotResource(SnapshotLookup lookup, TrustedSnapshots trusted, SnapshotService snapshots,
                            DriftCheck drift, SnapshotRestore restore) {
        this.lookup = lookup;
        this.trusted = trusted;
        this.snapshots = snapshots;
        this.drift = drift;
        this.restore = restore;
    }

    /** Snapshots, newest first; optionally those of one source directory and/or one run. */
    @APIResponse(responseCode = "200", description = "Snapshots, newest first")
    @APIResponse(responseCode = "400", description = "invalid migrationId: a run id looks like mig-20261125-153600-7f3a", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    public List<SnapshotView> list(@RestQuery String sourceDir, @RestQuery String migrationId) {
        if (migrationId != null && !MigrationIds.isValid(migrationId)) {
            throw new BadRequestException("invalid migrationId '" + migrationId
                    + "': a run id looks like mig-20261125-153600-7f3a");
        }
        return lookup.newestFirst(sourceDir == null || sourceDir.isBlank() ? null : sourceDir, migrationId)
                .stream().map(SnapshotView::of).toList();
    }

    /** The ledger row and the manifest of one snapshot. */
    @APIResponse(responseCode = "200", description = "The ledger row and the manifest; manifestProblem says why the manifest cannot be trusted")
    @APIResponse(responseCode = "400", description = "invalid snapshot id: a snapshot id is <run id>-a<attempt>, e.g. mig-20261125-153600-7f3a-a1", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @APIResponse(responseCode = "404", description = "unknown snapshot: backup-service has no record of it", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    @Path("/{id}")
    public SnapshotDetail show(@RestPath String id) {
        Snapshot row = row(id);
        try {
            return new SnapshotDetail(SnapshotView.of(row), trusted.manifest(row), null);
        } catch (SnapshotRefusedException e) {
            return new SnapshotDetail(SnapshotView.of(row), null, e.getMessage());
        }
    }

    /** Re-reads every stored file of the snapshot against its manifest, now. */
    @APIResponse(responseCode = "200", description = "Every stored file re-read against the manifest; problems lists each difference")
    @APIResponse(responseCode = "400", description = "invalid snapshot id: a snapshot id is <run id>-a<attempt>, e.g. mig-20261125-153600-7f3a-a1", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @APIResponse(responseCode = "404", description = "unknown snapshot: backup-service has no record of it", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @APIResponse(responseCode = "409", description = "the snapshot must not be used: its manifest was modified, or its source is not allowed", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @RolesAllowed(ApiRoles.OPERATOR)
    @POST
    @Path("/{id}/verify")
    public SnapshotVerification verify(@RestPath String id) {
        Snapshot row = row(id);
        Manifest manifest = trusted.manifest(row);
        List<String> problems;
        try {
            problems = snapshots.check(row);
        } catch (IOException e) {
            problems = List.of("cannot read snapshot " + row.location + ": " + e.getMessage());
        }
        return new SnapshotVerification(manifest.snapshotId(), row.location, problems.isEmpty(), problems);
    }

    /** Compares the live files with the snapshot; changes nothing. */
    @APIResponse(responseCode = "200", description = "The live files compared with the snapshot; nothing is changed")
    @APIResponse(responseCode = "400", description = "invalid snapshot id: a snapshot id is <run id>-a<attempt>, e.g. mig-20261125-153600-7f3a-a1", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @APIResponse(responseCode = "404", description = "unknown snapshot: backup-service has no record of it", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @APIResponse(responseCode = "409", description = "the snapshot must not be used: its manifest was modified, or its source is not allowed", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @RolesAllowed(ApiRoles.VIEWER)
    @GET
    @Path("/{id}/drift")
    public DriftChecked drift(@RestPath String id) {
        return drift.check(trusted.open(row(id)));
    }

    /** Restores the live files that are missing or differ; changed ones are kept as conflict copies. */
    @APIResponse(responseCode = "200", description = "The files restored, and the changed ones kept as conflict copies")
    @APIResponse(responseCode = "400", description = "invalid snapshot id: a snapshot id is <run id>-a<attempt>, e.g. mig-20261125-153600-7f3a-a1", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @APIResponse(responseCode = "404", description = "unknown snapshot: backup-service has no record of it", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @APIResponse(responseCode = "409", description = "the snapshot must not be used: its manifest was modified, or its source is not allowed", content = @Content(schema = @Schema(implementation = ErrorMessage.class)))
    @RolesAllowed(ApiRoles.OPERATOR)
    @POST
    @Path("/{id}/restore")
    public RestoreReport restore(@RestPath String id) {
        return restore.restore(trusted.open(row(id)));
    }

    private Snapshot row(String id) {
        return lookup.find(SnapshotIds.requireValid(id)).orElseThrow(() -> new NotFoundException(
                "unknown snapshot " + id + ": backup-service has no record of it"));
    }

    @ServerExceptionMapper
    RestResponse<ErrorMessage> toErrorMessage(WebApplicationException e) {
        return RestResponse.status(e.getResponse().getStatusInfo(), new ErrorMessage(e.getMessage()));
    }

    /** The snapshot exists but must not be used: its manifest was modified, or its source is not allowed. */
    @ServerExceptionMapper
    RestResponse<ErrorMessage> toErrorMessage(SnapshotRefusedException e) {
        return RestResponse.status(Response.Status.CONFLICT, new ErrorMessage(e.getMessage()));
    }
}
