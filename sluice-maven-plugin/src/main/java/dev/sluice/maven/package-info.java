/**
 * Sluice's goals for Maven builds. A shell, like the command line: each goal maps its parameters onto
 * the public API ({@link dev.sluice.Sluice}, settings by key through {@link dev.sluice.config.SluiceConfig})
 * and renders the result into the build log and report files. No product logic lives here, and no
 * {@code internal} package is imported (ShellBoundaryTest).
 *
 * <p>Hazard: a goal never falls back to the embedded database; a missing URL is a build error unless the
 * build asks for the embedded one.
 */
package dev.sluice.maven;
