package io.jsonmig.verification.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.support.preflight.PreflightEndpoint;
import jakarta.ws.rs.Path;

import java.util.List;

/** {@code POST /preflight}: the verification side of a run's pre-flight checklist; requests nothing of any URL. */
@Path("/preflight")
public class PreflightResource extends PreflightEndpoint {

    static final String SERVICE = "verification-service";

    private final SmokePreflight preflight;

    public PreflightResource(SmokePreflight preflight) {
        super(SERVICE);
        this.preflight = preflight;
    }

    @Override
    protected List<PreflightCheck> check(RunSpec spec) {
        return preflight.check(spec);
    }
}
