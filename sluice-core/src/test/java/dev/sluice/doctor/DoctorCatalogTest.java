package dev.sluice.doctor;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One doctor check per file, each with its line in the docs and a test of its own: this fails when a
 * check is added without them.
 */
class DoctorCatalogTest {

    static final Path DOCS = Path.of("..", "docs", "backup.md");
    static final Path TESTS = Path.of("src", "test", "java", "dev", "sluice", "doctor");
    static final Path SOURCES = Path.of("src", "main", "java", "dev", "sluice", "doctor");

    @Test
    void idsAreUniqueAndKebabCase() {
        Set<String> seen = new HashSet<>();
        for (DoctorCheck check : Doctor.checks()) {
            assertTrue(check.id().matches("[a-z]+(-[a-z]+)*"), check.id());
            assertTrue(seen.add(check.id()), "two checks with id " + check.id());
            assertTrue(!check.title().isBlank(), check.id() + " has no title");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCheckHasItsFileDocsAndTest() throws Exception {
        String docs = Files.readString(DOCS, StandardCharsets.UTF_8);
        return Doctor.checks().stream().map(check -> DynamicTest.dynamicTest(check.id(), () -> {
            String name = check.getClass().getSimpleName();
            assertTrue(Files.isRegularFile(SOURCES.resolve(name + ".java")), name + " is not a file of its own");
            assertTrue(docs.contains("| `" + check.id() + "` | `" + name + "` |"), DOCS + " lacks the row of " + check.id());
            assertTrue(List.of("Test", "IT").stream().anyMatch(s -> Files.isRegularFile(TESTS.resolve(name + s + ".java"))),
                    name + " has no " + name + "Test or " + name + "IT");
            String source = Files.readString(SOURCES.resolve(name + ".java"), StandardCharsets.UTF_8);
            assertTrue(source.contains("* {@code " + check.id() + "}:"), name + "'s Javadoc does not start with its id and why");
            assertTrue(source.contains("Hazard"), name + "'s Javadoc does not warn of its hazards");
        }));
    }
}
