package dev.sluice.lint.rules;

import dev.sluice.lint.Severity;

/**
 * A file the splitter cannot cut into statements (an unterminated string, quote or comment, a psql
 * meta-command), or whose timeout header {@code migrate} would refuse. The linter reports it itself,
 * through the same code {@code migrate} reads files with, so the two never disagree.
 */
public final class UnparsableFile extends BaseRule {

    public static final String ID = "unparsable-file";

    public UnparsableFile() {
        super(ID, Severity.ERROR, "The file cannot be split into statements (unterminated quote or comment, psql meta-command)");
    }
}
