package dev.sluice.postgres;

import java.util.Optional;

/**
 * Where a verb's scratch databases live, as a shell or an embedder asks for it: a development server
 * ({@code devUrl}, on which fresh databases are created and dropped again), or a throwaway PostgreSQL of
 * {@code pgVersion}; without either, one of the target's major when {@code matchTarget} (so that what is
 * rehearsed or rebuilt is deparsed and locked as the target would), else the bundled one.
 *
 * @param devUrl      a development server's JDBC URL; its user needs CREATEDB
 * @param pgVersion   the throwaway server's PostgreSQL major
 * @param matchTarget whether a throwaway server takes the target's major by default (a target is configured)
 * @param user        the login on the development server
 * @param password    its password; never printed ({@link #toString()} masks it)
 */
public record ScratchSettings(Optional<String> devUrl, Optional<Integer> pgVersion, boolean matchTarget,
                              Optional<String> user, Optional<String> password) {

    /** A throwaway server of the bundled major. */
    public static ScratchSettings throwaway() {
        return new ScratchSettings(Optional.empty(), Optional.empty(), false, Optional.empty(), Optional.empty());
    }

    /** A throwaway server of the target's major, the bundled one when that major cannot be had. */
    public static ScratchSettings ofTargetMajor() {
        return new ScratchSettings(Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "ScratchSettings[devUrl=" + devUrl.map(u -> u.replaceAll("(?i)(password=)[^&]*", "$1***")).orElse("none")
                + ", pgVersion=" + pgVersion.map(String::valueOf).orElse("none") + ", matchTarget=" + matchTarget
                + ", user=" + user.orElse("none") + ", password=" + (password.isPresent() ? "***" : "none") + "]";
    }
}
