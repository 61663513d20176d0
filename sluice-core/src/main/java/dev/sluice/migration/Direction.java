package dev.sluice.migration;

/** Which way a migration runs. */
public enum Direction {
    UP,
    DOWN
}
