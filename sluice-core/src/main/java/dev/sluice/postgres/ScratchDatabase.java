package dev.sluice.postgres;

import dev.sluice.db.ConnectionFactory;

import java.util.Optional;

/**
 * One empty database on a scratch server, dropped when the server is closed.
 *
 * @param name        its name, {@code sluice_<purpose>_<pid>_<n>}
 * @param jdbcUrl     its URL, for tools that connect on their own (pg_restore)
 * @param user        the login
 * @param password    its password where the server needs one
 * @param connections connections to it
 */
public record ScratchDatabase(String name, String jdbcUrl, String user, Optional<String> password,
                              ConnectionFactory connections) {

    @Override
    public String toString() {
        return "ScratchDatabase[" + name + " at " + connections.describe() + "]";
    }
}
