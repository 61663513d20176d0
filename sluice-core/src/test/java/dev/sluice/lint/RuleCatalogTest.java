package dev.sluice.lint;

import dev.sluice.lint.rules.Rules;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every rule must have a docs page, a {@code bad.sql} that it flags and a {@code good.sql} that it does
 * not. Files named {@code before*.sql} in the example folder are read first as earlier migrations, so the
 * examples can show how history changes a verdict.
 */
class RuleCatalogTest {

    static final Path EXAMPLES = Path.of("src", "test", "resources", "lint");
    static final Path DOCS = Path.of("..", "docs", "rules");

    @TestFactory
    Stream<DynamicTest> everyRuleHasDocsAndExamplesWithBothVerdicts() {
        return Rules.all().stream().map(rule -> DynamicTest.dynamicTest(rule.id(), () -> {
            Path folder = EXAMPLES.resolve(rule.id());
            Path docs = DOCS.resolve(rule.id() + ".md");
            assertTrue(Files.isRegularFile(folder.resolve("bad.sql")), "missing " + folder.resolve("bad.sql"));
            assertTrue(Files.isRegularFile(folder.resolve("good.sql")), "missing " + folder.resolve("good.sql"));
            List<Finding> bad = lintExample(folder, "bad.sql");
            assertTrue(bad.stream().anyMatch(f -> f.rule().equals(rule.id())), rule.id() + ": bad.sql gave no finding: " + bad);
            List<Finding> good = lintExample(folder, "good.sql");
            assertFalse(good.stream().anyMatch(f -> f.rule().equals(rule.id())), rule.id() + ": good.sql was flagged: " + good);
            assertTrue(Files.isRegularFile(docs), "missing docs page " + docs);
            String page = Files.readString(docs, StandardCharsets.UTF_8);
            for (String section : List.of("## Problem", "## Lock", "## Safe alternative", "## PostgreSQL versions", "## Suppress")) {
                assertTrue(page.contains(section), docs + " lacks section " + section);
            }
        }));
    }

    @Test
    void readmeListsEveryRuleWithItsSeverity() throws IOException {
        String readme = Files.readString(DOCS.resolve("README.md"), StandardCharsets.UTF_8);
        for (Rule rule : Rules.all()) {
            assertTrue(readme.contains("[`" + rule.id() + "`](" + rule.id() + ".md) | " + rule.defaultSeverity().label()),
                    "docs/rules/README.md lacks a row for " + rule.id());
        }
    }

    @Test
    void ruleIdsAreUniqueAndKebabCase() {
        Set<String> seen = new HashSet<>();
        for (Rule rule : Rules.all()) {
            assertTrue(rule.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), rule.id());
            assertTrue(seen.add(rule.id()), "duplicate id " + rule.id());
        }
        assertEquals(seen, Rules.ids());
    }

    /** Lints {@code file} of an example folder as migration V100, after the folder's before*.sql files. */
    static List<Finding> lintExample(Path folder, String file) throws IOException {
        List<LintInput> inputs = new ArrayList<>();
        try (Stream<Path> list = Files.list(folder)) {
            List<Path> before = list.filter(p -> p.getFileName().toString().startsWith("before")).sorted().toList();
            int v = 1;
            for (Path p : before) {
                inputs.add(new LintInput("V" + v++ + "__" + p.getFileName(), MigrationRole.UP,
                        Files.readString(p, StandardCharsets.UTF_8), false));
            }
        }
        Path path = folder.resolve(file);
        if (!Files.exists(path)) {
            fail("missing " + path);
        }
        inputs.add(new LintInput("V100__" + file, MigrationRole.UP, Files.readString(path, StandardCharsets.UTF_8), true));
        return new Linter(LintSettings.defaults()).lint(inputs).findings();
    }
}
