/**
 * The project's one JSON writer and reader: snapshot files, backup manifests and command-line reports.
 * Kept small and dependency-free on purpose; it handles the value types those documents use, nothing
 * more.
 */
package dev.sluice.json;
