package dev.sluice.spring;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The starter is a shell: it maps properties onto the public API, runs the facade at start-up and hands
 * the core's health and metrics to Spring. It may not reach into an implementation package, so whatever it
 * does, any other embedder can do with the API alone.
 */
class ShellBoundaryTest {

    private static final JavaClasses STARTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice.spring");

    @Test
    void theStarterImportsNoInternalPackage() {
        noClasses().that().resideInAPackage("dev.sluice.spring..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice..internal..")
                .because("the Spring Boot starter uses only the public API (docs/api.md)")
                .check(STARTER);
    }
}
