package dev.sluice.config;

import java.util.Optional;

/**
 * A further database that {@code sluice serve} watches beside the project's own target, from
 * {@code watch.<name>.url}, {@code watch.<name>.user} and {@code watch.<name>.password} (or
 * {@code SLUICE_WATCH_<NAME>_URL}, ...). It has the project's migrations and history table: the same
 * application's staging and production, say.
 *
 * <p>Hazard: holds a password; {@link #toString()} leaves it out.
 *
 * @param name the name the dashboard, the health answer and the metrics' {@code database} tag show
 */
public record WatchedDatabase(String name, String url, Optional<String> user, Optional<String> password) {

    @Override
    public String toString() {
        return "WatchedDatabase[" + name + ", " + url + ", user " + user.orElse("(none)") + (password.isPresent() ? ", password ***" : "") + "]";
    }
}
