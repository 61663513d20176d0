package dev.sluice.backup;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A short, stable digest of a database's schema: equal when two databases have the same tables, columns,
 * indexes, constraints, functions... and different otherwise. Backups record it, and verification and
 * restores compare against it.
 */
@FunctionalInterface
public interface SchemaFingerprinter {

    String fingerprint(Connection connection) throws SQLException;
}
