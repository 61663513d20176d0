package dev.sluice.cli;

import dev.sluice.migration.Version;

/** Parses a version given on the command line into a usage error when it is not one. */
final class VersionArgument {

    private VersionArgument() {
    }

    static Version parse(String text) {
        try {
            return Version.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
    }
}
