package io.jsonmig.verification.preflight;

import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.events.payload.SmokeCheck;
import io.jsonmig.events.preflight.PreflightCheck;
import io.jsonmig.events.preflight.PreflightChecks;
import io.jsonmig.support.preflight.ServerProbe;
import io.jsonmig.verification.config.VerificationConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The verification side of a run's pre-flight checklist: the smoke checks' URLs (configured here for the
 * run's profile, and the run's own) accept connections now, and the report URL's host resolves. SQL
 * smoke checks need the migrated tables, so they are only counted. Nothing is requested from any URL.
 */
@ApplicationScoped
public class SmokePreflight {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final VerificationConfig config;
    private final ServerProbe probe = new ServerProbe(TIMEOUT);

    public SmokePreflight(VerificationConfig config) {
        this.config = config;
    }

    public List<PreflightCheck> check(RunSpec spec) {
        return List.of(smokeChecks(spec), reportUrl());
    }

    private PreflightCheck smokeChecks(RunSpec spec) {
        Map<String, String> urls = new TreeMap<>();
        int sql = 0;
        for (Map.Entry<String, VerificationConfig.HttpCheck> configured : config.smoke().http().entrySet()) {
            if (applies(configured.getValue().profiles(), spec.targetProfile())) {
                urls.put(configured.getKey(), configured.getValue().url());
            }
        }
        for (VerificationConfig.SqlCheck configured : config.smoke().sql().values()) {
            sql += applies(configured.profiles(), spec.targetProfile()) ? 1 : 0;
        }
        for (SmokeCheck own : spec.smokeChecks()) {
            if (own.isSql()) {
                sql++;
            } else {
                urls.put(own.name(), own.url());
            }
        }
        List<String> reached = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        urls.forEach((name, url) -> {
            ServerProbe.Endpoint endpoint = ServerProbe.Endpoint.of(url);
            ServerProbe.Answer answer = probe.connect(endpoint);
            if (answer.reached()) {
                reached.add(name + " (" + endpoint + ")");
            } else {
                unreachable.add("smoke check " + name + ": " + endpoint + " does not answer: " + answer.detail());
            }
        });
        String sqlNote = sql == 0 ? "" : "; " + sql + " SQL check" + (sql == 1 ? "" : "s") + " run once the data is loaded";
        if (!unreachable.isEmpty()) {
            return PreflightCheck.failed(PreflightChecks.SMOKE_CHECKS, String.join("; ", unreachable) + sqlNote,
                    "start the application the URL belongs to before the run, or correct the URL (the run's "
                            + "smoke checks, or jsonmig.verification.smoke.http.<name>.url)");
        }
        return PreflightCheck.passed(PreflightChecks.SMOKE_CHECKS, (reached.isEmpty() ? "no URL to check"
                : String.join(", ", reached) + " accept" + (reached.size() == 1 ? "s" : "") + " connections") + sqlNote);
    }

    private PreflightCheck reportUrl() {
        URI url = URI.create(config.publicUrl());
        try {
            InetAddress address = InetAddress.getByName(url.getHost());
            return PreflightCheck.passed(PreflightChecks.REPORT_URL, "reports are linked under " + config.publicUrl()
                    + (address.getHostAddress().equals(url.getHost()) ? ""
                    : " (" + url.getHost() + " is " + address.getHostAddress() + ")"));
        } catch (UnknownHostException | RuntimeException e) {
            return PreflightCheck.failed(PreflightChecks.REPORT_URL, "the host of " + config.publicUrl()
                    + " does not resolve: " + e.getMessage(), "set JSONMIG_VERIFICATION_PUBLIC_URL of "
                    + "verification-service to where people reach it");
        }
    }

    private static boolean applies(java.util.Optional<List<String>> profiles, String profile) {
        return profiles.map(list -> list.isEmpty() || list.contains(profile)).orElse(true);
    }
}
