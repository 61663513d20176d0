/**
 * The rewrite's implementation: shadow creation, capture, copy, replay, swap. Not API.
 *
 * <p>Hazard: the copy and the replay must never run at once (they share one connection and alternate);
 * the replay's treatment of keys above the copy's mark depends on it.
 */
package dev.sluice.rewrite.internal;
