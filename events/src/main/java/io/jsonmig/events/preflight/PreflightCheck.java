package io.jsonmig.events.preflight;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One item of a run's pre-flight checklist, answered by the service that owns the resource it checks.
 * Never carries a secret: targets are named by profile and URL without password, webhooks by host.
 *
 * @param name   what was checked, {@code [a-z0-9][a-z0-9-]*}, e.g. {@code source-readable}
 * @param passed whether the run can go ahead as far as this check sees
 * @param detail what was found: on success what was checked, on failure every problem
 * @param fix    what the operator can do about a failure; {@code null} when passed
 */
public record PreflightCheck(@JsonProperty(required = true) String name, @JsonProperty(required = true) boolean passed,
                             String detail, String fix) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public PreflightCheck {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid preflight check name '" + name
                    + "': expected lower-case letters, digits and '-'");
        }
        detail = Objects.requireNonNullElse(detail, "");
        if (passed) {
            fix = null;
        }
    }

    public static PreflightCheck passed(String name, String detail) {
        return new PreflightCheck(name, true, detail, null);
    }

    public static PreflightCheck failed(String name, String detail, String fix) {
        return new PreflightCheck(name, false, detail, fix);
    }

    /** A check that could not be made because another one failed first (e.g. no target to ask). */
    public static PreflightCheck notChecked(String name, String because) {
        return new PreflightCheck(name, false, "not checked: " + because, null);
    }
}
