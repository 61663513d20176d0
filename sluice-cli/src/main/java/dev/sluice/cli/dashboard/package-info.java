/**
 * {@code sluice serve}'s HTTP shell: the dashboard page and its assets (shipped in the jar), the JSON
 * endpoints behind every view, {@code /health} and {@code /metrics}. Everything shown comes from
 * {@link dev.sluice.monitor.SluiceMonitor}; this package renders and guards, it decides nothing.
 *
 * <p>Hazards: the server binds the loopback address unless told otherwise, and anywhere else it refuses to
 * start without a token. The token is compared in constant time and never printed.
 */
package dev.sluice.cli.dashboard;
