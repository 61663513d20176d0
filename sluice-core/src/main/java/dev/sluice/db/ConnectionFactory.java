package dev.sluice.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Opens connections to the target database. Sluice opens more than one: the advisory lock lives on its
 * own connection, so that no statement of a migration (a concurrent index build above all) can ever
 * wait on Sluice itself.
 */
@FunctionalInterface
public interface ConnectionFactory {

    Connection open() throws SQLException;

    /** What the connection goes to, password masked; used in every message. */
    default String describe() {
        return "database";
    }
}
