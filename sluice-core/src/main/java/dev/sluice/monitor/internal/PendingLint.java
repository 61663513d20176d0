package dev.sluice.monitor.internal;

import dev.sluice.lint.Finding;
import dev.sluice.lint.LintInput;
import dev.sluice.lint.LintSettings;
import dev.sluice.lint.Linter;
import dev.sluice.lint.MigrationRole;
import dev.sluice.migration.Migration;
import dev.sluice.migration.MigrationCatalog;
import dev.sluice.migration.SqlMigrationBody;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lint findings of pending migrations, judged from the files alone: every versioned up is read in
 * order (so each file is judged against the tables the ones before it create, as {@code sluice lint} does),
 * only the pending ones are reported. The database-aware part of {@code migrate}'s gate is left out on
 * purpose: it reads table sizes, and {@code pg_relation_size} takes ACCESS SHARE on the table, which would
 * queue behind a migration's ACCESS EXCLUSIVE. The result is kept while the files and the pending set stay
 * the same, so a refresh does not lint a large project every few seconds.
 */
public final class PendingLint {

    private final LintSettings settings;
    private String key = "";
    private Map<String, List<Finding>> findings = Map.of();

    public PendingLint(LintSettings settings) {
        this.settings = settings;
    }

    /** Findings per script name of each pending SQL migration; a script without findings maps to an empty list. */
    public synchronized Map<String, List<Finding>> of(MigrationCatalog catalog, Set<String> pendingScripts) {
        StringBuilder k = new StringBuilder();
        catalog.versioned().forEach(m -> k.append(m.script()).append('=').append(m.checksum().orElse("")).append(';'));
        catalog.repeatable().forEach(m -> k.append(m.script()).append('=').append(m.checksum().orElse("")).append(';'));
        k.append('|').append(new java.util.TreeSet<>(pendingScripts));
        if (!k.toString().equals(key)) {
            findings = lint(catalog, pendingScripts);
            key = k.toString();
        }
        return findings;
    }

    private Map<String, List<Finding>> lint(MigrationCatalog catalog, Set<String> pending) {
        List<LintInput> inputs = new ArrayList<>();
        Map<String, List<Finding>> byScript = new HashMap<>();
        Map<String, String> scriptOfSource = new HashMap<>();
        for (Migration m : catalog.versioned()) {
            add(inputs, byScript, scriptOfSource, m, MigrationRole.UP, pending);
        }
        for (Migration m : catalog.repeatable()) {
            add(inputs, byScript, scriptOfSource, m, MigrationRole.REPEATABLE, pending);
        }
        for (Finding f : new Linter(settings).lint(inputs).findings()) {
            byScript.computeIfPresent(f.file(), (file, list) -> {
                list.add(f);
                return list;
            });
        }
        Map<String, List<Finding>> result = new HashMap<>();
        byScript.forEach((source, list) -> result.put(scriptOfSource.get(source), List.copyOf(list)));
        return Map.copyOf(result);
    }

    private static void add(List<LintInput> inputs, Map<String, List<Finding>> byScript, Map<String, String> scriptOfSource,
                            Migration m, MigrationRole role, Set<String> pending) {
        if (m.up() instanceof SqlMigrationBody sql) {
            boolean report = pending.contains(m.script());
            inputs.add(LintInput.ofScript(sql.script(), role, report));
            if (report) {
                byScript.put(sql.script().sourceName(), new ArrayList<>());
                scriptOfSource.put(sql.script().sourceName(), m.script());
            }
        }
    }
}
