package dev.sluice.cli.dashboard;

import dev.sluice.monitor.SluiceMonitor;

/**
 * One database the server watches, under the name the page, {@code /health} and the metrics' tag use.
 */
public record WatchedMonitor(String name, SluiceMonitor monitor) {
}
