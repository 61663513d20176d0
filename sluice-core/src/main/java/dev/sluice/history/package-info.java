/**
 * The history table: one row per applied or attempted migration.
 *
 * <p>Hazard: rows are written on the caller's connection and in the caller's transaction, so a
 * migration and its row commit together; writers must hold the migration lock, since ranks are
 * assigned as max + 1.
 */
package dev.sluice.history;
