/**
 * Lock tracing: run a migration on a scratch database and record which locks each statement really
 * took, what it rewrote, created and dropped, and how long the locks were held.
 *
 * <p>Hazard: tracing commits what it runs. Use it only on a throwaway database.
 */
package dev.sluice.trace;
