/**
 * What a migration is: versions, file names, checksums, SQL and Java bodies, and the sources that find
 * them. Nothing here touches a database except {@link dev.sluice.migration.internal.StatementRunner}, which runs
 * one statement on a connection it is handed.
 *
 * <p>Every problem with the files is found and reported, with file and line, before a run connects.
 */
package dev.sluice.migration;
