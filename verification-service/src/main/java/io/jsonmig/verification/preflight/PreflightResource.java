package io.jsonmig.verification.preflight;

import io.jsonmig.events.preflight.PreflightReport;
import io.jsonmig.support.preflight.PreflightJson;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code POST /preflight}: the verification side of a run's pre-flight checklist; requests nothing of any URL. */
@Path("/preflight")
public class PreflightResource {

    static final String SERVICE = "verification-service";

    private final SmokePreflight preflight;

    public PreflightResource(SmokePreflight preflight) {
        this.preflight = preflight;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public String preflight(String body) {
        return PreflightJson.write(new PreflightReport(SERVICE, preflight.check(PreflightJson.runSpec(body))));
    }
}
