package dev.sluice.clean;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether {@code clean} may drop a target's objects: only the embedded database, or a target whose settings
 * say {@code clean.enabled = true}, and never under a production profile, whatever else is set.
 *
 * @param enabled  {@code clean.enabled}: the team declared this target disposable
 * @param profile  {@code profile}, the deployment this configuration is for, when set
 */
public record CleanPolicy(boolean enabled, Optional<String> profile) {

    /** Profile names that mean production; compared without case. */
    public static final Set<String> PRODUCTION_PROFILES = Set.of("production", "prod", "live");

    /** Not enabled, no profile: only the embedded database may be cleaned. */
    public static CleanPolicy defaults() {
        return new CleanPolicy(false, Optional.empty());
    }

    public boolean production() {
        return profile.map(p -> PRODUCTION_PROFILES.contains(p.strip().toLowerCase(Locale.ROOT))).orElse(false);
    }

    /**
     * @param embeddedTarget whether the target is the embedded database of the project's {@code .sluice/}
     * @throws CleanRefusedException saying why and what would allow it
     */
    public void check(boolean embeddedTarget, String target) {
        if (production()) {
            throw new CleanRefusedException("clean refused: the profile is '" + profile.orElseThrow()
                    + "', a production profile, and clean never runs under one; nothing was dropped");
        }
        if (!embeddedTarget && !enabled) {
            throw new CleanRefusedException("clean refused: " + target + " is not the embedded database, and clean drops every"
                    + " object of the schema; if this is a development database, set clean.enabled = true in sluice.conf"
                    + " (or SLUICE_CLEAN_ENABLED=true) for it; nothing was dropped");
        }
    }
}
