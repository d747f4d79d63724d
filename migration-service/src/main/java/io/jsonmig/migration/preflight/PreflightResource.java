package io.jsonmig.migration.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.support.preflight.PreflightEndpoint;
import jakarta.ws.rs.Path;

import java.util.List;

/**
 * {@code POST /preflight}: the target side of a run's pre-flight checklist. Blocking: it connects to the
 * target and reads every record of the source; it changes nothing.
 */
@Path("/preflight")
public class PreflightResource extends PreflightEndpoint {

    static final String SERVICE = "migration-service";

    private final RunPreflight preflight;

    public PreflightResource(RunPreflight preflight) {
        super(SERVICE);
        this.preflight = preflight;
    }

    @Override
    protected List<PreflightCheck> check(RunSpec spec) {
        return preflight.check(spec);
    }
}
