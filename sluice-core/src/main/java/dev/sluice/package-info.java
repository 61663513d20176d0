/**
 * Sluice's entry point for embedders: {@link dev.sluice.Sluice} and its immutable {@link dev.sluice.SluiceOptions}.
 *
 * <p>Everything a run changes happens under the migration lock, after the history has been read again,
 * so two runners never plan from the same stale state. The facade never falls back to an embedded
 * database: an embedder always names its target.
 */
package dev.sluice;
