/**
 * How findings look in every output that carries them: one JSON shape, GitHub workflow annotations, and
 * SARIF for code-scanning services. Shared by the command line and the build plugins, so that a finding
 * reads the same wherever it is shown.
 */
package dev.sluice.report;
