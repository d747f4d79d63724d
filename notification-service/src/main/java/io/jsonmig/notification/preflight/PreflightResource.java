package io.jsonmig.notification.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.support.preflight.PreflightEndpoint;
import jakarta.ws.rs.Path;

import java.util.List;

/** {@code POST /preflight}: the notification side of a run's pre-flight checklist; sends nothing. */
@Path("/preflight")
public class PreflightResource extends PreflightEndpoint {

    static final String SERVICE = "notification-service";

    private final ChannelPreflight preflight;

    public PreflightResource(ChannelPreflight preflight) {
        super(SERVICE);
        this.preflight = preflight;
    }

    @Override
    protected List<PreflightCheck> check(RunSpec spec) {
        return preflight.check(spec);
    }
}
