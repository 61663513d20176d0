/**
 * The project's one JSON writer and reader, on Jackson: snapshot files, backup manifests and command-line
 * reports, with the layout those files have always had (see {@link dev.sluice.json.Json}).
 */
package dev.sluice.json;
