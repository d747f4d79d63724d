package io.jsonmig.backup.drift;

import io.jsonmig.backup.restore.LiveFile;
import io.jsonmig.support.snapshot.ManifestPaths;
import io.jsonmig.backup.restore.TrustedSnapshot;
import io.jsonmig.support.snapshot.ManifestFile;
import io.jsonmig.events.payload.DriftChecked;
import io.jsonmig.events.payload.FileDrift;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Compares the live files with a snapshot, reading only: a cut-over is refused when they drifted. */
@ApplicationScoped
public class DriftCheck {

    public DriftChecked check(TrustedSnapshot snapshot) {
        List<FileDrift> drifted = new ArrayList<>();
        for (ManifestFile file : snapshot.manifest().files()) {
            compare(snapshot, file, drifted);
        }
        return new DriftChecked(snapshot.snapshotId(), snapshot.sourceDir().toString(), drifted.isEmpty(), drifted);
    }

    private static void compare(TrustedSnapshot snapshot, ManifestFile file, List<FileDrift> drifted) {
        try {
            LiveFile live = LiveFile.compare(ManifestPaths.resolveInside(snapshot.sourceDir(), file.path()), file);
            switch (live.state()) {
                case MATCHES -> { }
                case MISSING -> drifted.add(new FileDrift(file.path(), FileDrift.MISSING, file.bytes(), null,
                        file.sha256(), null));
                case CHANGED -> drifted.add(new FileDrift(file.path(), FileDrift.CHANGED, file.bytes(), live.bytes(),
                        file.sha256(), live.sha256()));
            }
        } catch (IOException | IllegalArgumentException e) {
            // What cannot be read or is not allowed cannot be shown to match: count it as changed.
            Log.warnf("drift check of snapshot %s: %s: %s", snapshot.snapshotId(), file.path(), e.getMessage());
            drifted.add(new FileDrift(file.path(), FileDrift.CHANGED, file.bytes(), null, file.sha256(), null));
        }
    }
}
