/**
 * Progress of long work, reported by the concerns that do it (rehearsal, tracing, backups) and rendered
 * by the shells. A leaf package: it depends on nothing, so every concern may report through it.
 */
package dev.sluice.progress;
