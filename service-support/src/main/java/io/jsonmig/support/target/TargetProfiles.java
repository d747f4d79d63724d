package io.jsonmig.support.target;

import io.jsonmig.events.payload.DryRuns;
import io.jsonmig.events.payload.RunSpec;
import io.jsonmig.support.messaging.PhaseFailure;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.Config;

import java.util.Locale;

/**
 * Resolves a target profile named in an event to a database, from this service's configuration:
 * {@code jsonmig.target.<profile>.url}, {@code .user}, {@code .password}, or as environment
 * variables {@code JSONMIG_TARGET_<PROFILE>_URL}, {@code _USER}, {@code _PASSWORD}. Events carry
 * only the name, never a credential. A dry run's target is the same database with every connection in the
 * run's throwaway schema ({@link DryRuns#schemaFor}), so that every service of the run works there.
 */
@ApplicationScoped
public class TargetProfiles {

    private final Config config;

    public TargetProfiles(Config config) {
        this.config = config;
    }

    /**
     * The target a run works in: its profile's database, and for a dry run ({@link RunSpec#dryRun()}) only
     * its throwaway schema, which each service derives from the migration id by the same rule.
     */
    public TargetDatabase resolve(RunSpec spec, String migrationId) {
        TargetDatabase target = resolve(spec.targetProfile());
        return spec.dryRun() ? target.inSchema(DryRuns.schemaFor(migrationId)) : target;
    }

    public TargetDatabase resolve(String profile) {
        RunSpec.requireValidProfile(profile);
        String prefix = "jsonmig.target." + profile + ".";
        String url = config.getOptionalValue(prefix + "url", String.class)
                .orElseThrow(() -> new PhaseFailure("target profile '" + profile + "' is not configured: set "
                        + "JSONMIG_TARGET_" + profile.toUpperCase(Locale.ROOT) + "_URL (a jdbc:postgresql:// URL)"));
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new PhaseFailure("target profile '" + profile + "' has URL " + SafeUrl.of(url)
                    + ": expected a jdbc:postgresql:// URL");
        }
        String user = config.getOptionalValue(prefix + "user", String.class).orElse("postgres");
        String password = config.getOptionalValue(prefix + "password", String.class).orElse("");
        return new TargetDatabase(profile, url, user, password);
    }
}
