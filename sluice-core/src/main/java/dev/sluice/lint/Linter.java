package dev.sluice.lint;

import dev.sluice.lint.rules.Rules;
import dev.sluice.lint.rules.UnparsableFile;
import dev.sluice.migration.MigrationFileName;
import dev.sluice.migration.MigrationOrder;
import dev.sluice.migration.Version;
import dev.sluice.sql.PgStatement;
import dev.sluice.sql.SluiceDirective;
import dev.sluice.sql.SqlParseException;
import dev.sluice.sql.SqlScript;
import dev.sluice.sql.SqlStatement;
import dev.sluice.sql.internal.StatementParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Runs the rules over migration files. Files are read in migration order, and each one is judged
 * against the schema that the files before it built, so "existing table" means what the project's
 * history says, not a guess. Needs no database.
 *
 * <p>Hazard: a file is only as well understood as {@link StatementParser} understands it; a statement
 * it cannot read is passed over by the rules, never reported as safe by them on purpose.
 */
public final class Linter {

    private final LintSettings settings;
    private final List<Rule> rules;

    public Linter(LintSettings settings) {
        this(settings, Rules.all());
    }

    public Linter(LintSettings settings, List<Rule> rules) {
        this.settings = settings;
        this.rules = rules.stream().filter(r -> !settings.disabled().contains(r.id())).toList();
    }

    public LintSettings settings() {
        return settings;
    }

    /** Lints one text on its own, with no earlier migrations. */
    public LintReport lintText(String name, String text) {
        return lint(List.of(LintInput.of(name, text)));
    }

    /** Lints the inputs in the order given; earlier inputs build the schema that later ones are judged against. */
    public LintReport lint(List<LintInput> inputs) {
        return lint(inputs, null);
    }

    /**
     * The migrate gate's reading of the inputs: the reported inputs are the migrations of one run, in the
     * order they will run, and {@code database} is the database they will run on. A table an earlier
     * migration of the run creates is new, and a finding whose cost grows with the table
     * ({@link Rule#costGrowsWithTable()}) passes as info, with the measured size, when the database shows
     * the table smaller than {@link LintSettings#smallTableBytes()}.
     *
     * <p>Hazard: the size is read before the run; rows that an earlier migration of the same run adds to
     * an existing table are not counted.
     */
    public LintReport lintAgainst(List<LintInput> inputs, TableSizes database) {
        return lint(inputs, java.util.Objects.requireNonNull(database, "database"));
    }

    private LintReport lint(List<LintInput> inputs, TableSizes database) {
        KnownSchema schema = new KnownSchema();
        Set<String> createdInRun = new HashSet<>();
        List<Finding> findings = new ArrayList<>();
        int files = 0;
        int statements = 0;
        int notJudged = 0;
        for (LintInput input : inputs) {
            KnownSchema forFile = input.role() == MigrationRole.DOWN ? schema.copy() : schema;
            List<Finding> own = new ArrayList<>();
            boolean inRun = database != null && input.report() && input.role() != MigrationRole.DOWN;
            int count = lintFile(input, forFile, own, database, inRun ? createdInRun : new HashSet<>());
            if (!input.report()) {
                continue;
            }
            if (settings.beforeStart(input.version())) {
                notJudged++;
                continue;
            }
            files++;
            statements += count;
            findings.addAll(own);
        }
        findings.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
                .thenComparingInt(Finding::column).thenComparing(Finding::rule));
        return new LintReport(findings, files, statements, notJudged);
    }

    /** The version in a migration file's name, for {@code lint.start-after}; empty for repeatables and others. */


    private int lintFile(LintInput input, KnownSchema schema, List<Finding> out, TableSizes database, Set<String> createdInRun) {
        SqlScript script;
        try {
            script = input.split().isPresent() ? input.split().get()
                    : dev.sluice.sql.internal.StatementSplitter.split(input.text(), input.name());
        } catch (SqlParseException e) {
            if (!settings.disabled().contains(UnparsableFile.ID)) {
                out.add(new Finding(input.name(), e.line(), 1, UnparsableFile.ID,
                        severity(UnparsableFile.ID, Severity.ERROR), e.getMessage(), ""));
            }
            return 0;
        }
        // Header durations as migrate reads them: a file migrate refuses is an error here too.
        if (!settings.disabled().contains(UnparsableFile.ID)) {
            for (dev.sluice.sql.SluiceDirective d : script.directives()) {
                if (d.keyword().equals("lock-timeout") || d.keyword().equals("statement-timeout")) {
                    try {
                        dev.sluice.migration.internal.SqlMigrationParser.parseDuration(input.name(), d);
                    } catch (dev.sluice.migration.MigrationFileException e) {
                        String prefix = input.name() + ":" + d.line() + ": ";
                        out.add(new Finding(input.name(), d.line(), 1, UnparsableFile.ID, severity(UnparsableFile.ID, Severity.ERROR),
                                e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage(), ""));
                    }
                }
            }
        }
        List<PgStatement> parsed = StatementParser.parseAll(script);
        List<Suppression> suppressions = suppressions(script);
        LintContext context = new LintContext(input.name(), input.role(), script, parsed, settings, schema, suppressions,
                Set.copyOf(createdInRun));
        List<Raw> raw = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            PgStatement s = parsed.get(i);
            for (Rule rule : rules) {
                rule.visit(context, i, s, reporter(rule, raw, parsed));
            }
            // CREATE TABLE IF NOT EXISTS of a table the history already has creates nothing new.
            if (s instanceof PgStatement.CreateTable ct && !(ct.ifNotExists() && (schema.hasTable(ct.name())
                    || database != null && database.bytes(ct.name()).isPresent()))) {
                context.created(ct.name(), i);
            }
            schema.apply(s);
        }
        for (Rule rule : rules) {
            rule.finish(context, reporter(rule, raw, parsed));
        }
        Set<Suppression> used = new HashSet<>();
        List<Raw> kept = new ArrayList<>();
        for (Raw r : raw) {
            Optional<Suppression> by = suppressions.stream().filter(sup -> sup.covers(r.rule.id(), r.index)).findFirst();
            if (by.isPresent()) {
                used.add(by.get());
            } else {
                kept.add(r);
            }
        }
        List<Raw> meta = new ArrayList<>();
        for (Rule rule : rules) {
            if (rule instanceof SuppressionRule sr) {
                sr.checkSuppressions(context, used, reporter(rule, meta, parsed));
            }
        }
        kept.addAll(meta);
        for (Raw r : kept) {
            Finding f = new Finding(input.name(), r.line, r.column, r.rule.id(), severity(r.rule.id(), r.rule.defaultSeverity()),
                    r.message, r.alternative);
            if (database != null && r.rule.costGrowsWithTable() && r.index >= 0) {
                f = TableSizeVerdict.judge(f, parsed.get(r.index), database, settings.smallTableBytes());
            }
            out.add(f);
        }
        createdInRun.addAll(context.createdTables());
        return parsed.size();
    }

    private Severity severity(String id, Severity fallback) {
        return settings.severities().getOrDefault(id, fallback);
    }

    private static Reporter reporter(Rule rule, List<Raw> raw, List<PgStatement> parsed) {
        return (statement, line, column, message, alternative) -> {
            int index = -1;
            for (int i = 0; statement != null && i < parsed.size(); i++) {
                if (parsed.get(i) == statement) {
                    index = i;
                    break;
                }
            }
            raw.add(new Raw(rule, index, line, column, message, alternative));
        };
    }

    /** Reads the file's ignore directives and ties each {@code ignore} to the statement after it. */
    static List<Suppression> suppressions(SqlScript script) {
        List<Suppression> out = new ArrayList<>();
        List<SqlStatement> statements = script.statements();
        for (SluiceDirective d : script.directives()) {
            boolean file = d.keyword().equals("ignore-file");
            if (!file && !d.keyword().equals("ignore")) {
                continue;
            }
            String arg = d.argument();
            int space = arg.indexOf(' ');
            String ids = space < 0 ? arg : arg.substring(0, space);
            String reason = space < 0 ? "" : arg.substring(space + 1).strip();
            List<String> rules = Arrays.stream(ids.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            int target = -1;
            if (!file) {
                for (int i = 0; i < statements.size(); i++) {
                    if (statements.get(i).line() > d.line()) {
                        target = i;
                        break;
                    }
                }
            }
            out.add(new Suppression(d.line(), rules, reason, file, target));
        }
        return out;
    }

    /**
     * The {@code .sql} files under {@code folder} in the order migrations run: versioned ups by version
     * (each down right after its up, judged against the schema its up built), then repeatables, then
     * anything else by name.
     *
     * @param report which of them to report on; the others only build the schema
     */
    public static List<LintInput> folderInputs(Path folder, Predicate<Path> report) {
        Optional<dev.sluice.migration.MigrationSource> layout = dev.sluice.migration.Locations.layoutAt(folder);
        if (layout.isPresent()) {
            return sourceInputs(folder, layout.get(), report);
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".sql")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder + ": " + e.getMessage(), e);
        }
        record Entry(Path path, Optional<MigrationFileName> name, String relative) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Path p : files) {
            String file = p.getFileName().toString();
            entries.add(new Entry(p, MigrationFileName.parse(file.substring(0, file.length() - 4)),
                    folder.relativize(p).toString().replace('\\', '/')));
        }
        // The order migrate runs them in, so a finding about an earlier file's table sees what migrate sees.
        entries.sort(Comparator.comparing(Entry::name, MigrationOrder.FILE_NAMES).thenComparing(Entry::relative));
        List<LintInput> inputs = new ArrayList<>();
        for (Entry e : entries) {
            String text = dev.sluice.migration.FileSystemMigrationSource.read(e.path, e.path.toString());
            if (MigrationFileName.hasOnlineHeader(e.path.toString(), text)) {
                continue; // its statements are online operations, each the safe form of what the rules warn of
            }
            if (MigrationFileName.hasRewriteHeader(e.path.toString(), text)) {
                continue; // its ALTER TABLE runs on a shadow table and swaps in: the safe form of the rewrite the rules warn of
            }
            inputs.add(new LintInput(e.path.toString(), MigrationRole.ofFileName(e.path.getFileName().toString()),
                    text, report.test(e.path)));
        }
        return inputs;
    }

    /**
     * The inputs of a source that reads another tool's layout (Prisma folders, Drizzle's journal, numbered files,
     * TypeORM classes): its scripts, under their own paths in {@code folder}, in the order migrate runs them,
     * each judged by the role its Sluice name gives it.
     *
     * @param report which files' findings are reported
     */
    public static List<LintInput> sourceInputs(Path folder, dev.sluice.migration.MigrationSource source, Predicate<Path> report) {
        record Entry(dev.sluice.migration.ScriptResource script, Optional<MigrationFileName> name) {
        }
        List<Entry> entries = new ArrayList<>();
        for (dev.sluice.migration.ScriptResource script : source.scripts()) {
            if (script.name().endsWith(".sql")) {
                entries.add(new Entry(script, MigrationFileName.parse(MigrationFileName.baseName(script.name()))));
            }
        }
        entries.sort(Comparator.comparing(Entry::name, MigrationOrder.FILE_NAMES));
        List<LintInput> inputs = new ArrayList<>();
        for (Entry e : entries) {
            Path path = folder.resolve(e.script().path());
            if (MigrationFileName.hasOnlineHeader(path.toString(), e.script().text())) {
                continue;
            }
            inputs.add(new LintInput(path.toString(), MigrationRole.ofFileName(e.script().name()), e.script().text(),
                    report.test(path), Optional.empty(), e.name().flatMap(MigrationFileName::version)));
        }
        return inputs;
    }

    private record Raw(Rule rule, int index, int line, int column, String message, String alternative) {
    }
}
