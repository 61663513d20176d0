/**
 * Taking over a database that another migration tool manages ({@code sluice adopt}): its history table is
 * read, every checksum it stored is checked against the files in place, and what it applied is recorded
 * in Sluice's history without running anything.
 *
 * <p>Hazard: adoption trusts the other tool's history for what the database holds. A row whose file
 * changed, vanished or failed is refused rather than guessed at, since recording it would make Sluice
 * believe in a schema nobody can rebuild. The other tool's table is read, never written or dropped.
 */
package dev.sluice.adopt;
