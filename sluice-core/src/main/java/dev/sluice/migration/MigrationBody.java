package dev.sluice.migration;

/**
 * The executable part of one direction of a migration: a SQL script or a Java class. The executor
 * decides the transaction from {@link #transactional()}, which comes from what the statements are,
 * never from the file name.
 */
public sealed interface MigrationBody permits SqlMigrationBody, JavaMigrationBody, OnlineMigrationBody,
        RewriteMigrationBody {

    /** The file or class, as shown in messages. */
    String name();

    /** Whether the body can run inside one transaction together with its history row. */
    boolean transactional();

    /** The timeouts and transaction mode that the body's header asks for. */
    ScriptSettings settings();
}
