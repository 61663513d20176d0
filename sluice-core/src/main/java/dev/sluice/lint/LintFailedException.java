package dev.sluice.lint;

import java.util.List;

/**
 * The lint found error-level problems in migrations that were about to run; nothing ran. The message
 * lists every finding with its file, line and rule id, and says how to suppress one on purpose.
 */
public final class LintFailedException extends RuntimeException {

    private final transient List<Finding> findings;

    public LintFailedException(List<Finding> findings) {
        super(message(findings));
        this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
        return findings;
    }

    private static String message(List<Finding> findings) {
        StringBuilder sb = new StringBuilder("lint found ").append(findings.size()).append(" error")
                .append(findings.size() == 1 ? "" : "s").append("; nothing ran:");
        for (Finding f : findings) {
            sb.append("\n  ").append(f.format());
            if (!f.alternative().isEmpty()) {
                sb.append("\n    instead: ").append(f.alternative().replace("\n", "\n    "));
            }
        }
        sb.append("\nfix the migration, or put '-- sluice:ignore <rule-id> <reason>' on the line before the statement;"
                + " 'sluice migrate --dry-run' shows what the gate decided and why");
        return sb.toString();
    }
}
