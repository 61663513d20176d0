/**
 * Lock tracing: run a migration on a scratch database and record which locks each statement really
 * took, what it rewrote, created and dropped, and how long the locks were held. The migrations run in
 * {@code dev.sluice.execution}'s executor, the one {@code migrate} uses; this package only observes them
 * ({@link dev.sluice.trace.internal.StatementObserver}) and holds what was seen.
 *
 * <p>Hazard: tracing commits what it runs. Use it only on a throwaway database.
 */
package dev.sluice.trace;
