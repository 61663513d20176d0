/**
 * Rehearsal: every migration up, down and up again on a scratch database, with the proof (schema
 * snapshots and row counts) that each down restores what its up changed.
 *
 * <p>Hazard: a rehearsal migrates, rolls back and seeds the database it is given. Only ever give it a
 * throwaway one.
 */
package dev.sluice.rehearsal;
