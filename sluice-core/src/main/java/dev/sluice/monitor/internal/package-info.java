/**
 * How the monitor reads: the catalog and Sluice's own tables on one short-lived connection, every
 * statement counted. Not API.
 */
package dev.sluice.monitor.internal;
