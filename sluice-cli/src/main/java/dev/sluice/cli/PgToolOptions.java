package dev.sluice.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where pg_dump and pg_restore are, when not on PATH or in sluice.conf ({@code pg-dump}, {@code pg-restore}). */
final class PgToolOptions {

    @Option(names = "--pg-dump", paramLabel = "PATH", description = "pg_dump to use; its major must be at least the server's.")
    Path pgDump;

    @Option(names = "--pg-restore", paramLabel = "PATH", description = "pg_restore to use (default: beside pg_dump, else on PATH).")
    Path pgRestore;
}
