/**
 * What a database's schema is, independent of how it got there: a snapshot read from the catalog, its
 * canonical JSON form, a fingerprint of that form, and a readable diff between two snapshots.
 *
 * <p>The canonical form is a contract: two databases with the same schema must give the same bytes, so
 * nothing goes into it that depends on OIDs, physical layout or the order objects were created in. A
 * change to what is captured changes every fingerprint, which makes stored fingerprints in the history
 * table look like drift; bump {@link dev.sluice.schema.SchemaSnapshot#FORMAT} when that happens.
 *
 * <p>Hazard: reading the catalog sees uncommitted DDL of the connection it runs on. That is what the
 * executor wants (the fingerprint of a migration is taken inside its transaction), and what a
 * reader on a shared connection must keep in mind.
 */
package dev.sluice.schema;
