package dev.sluice.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The command line is a shell: it parses options, calls the public API and renders. It may not reach
 * into an implementation package, so whatever it can do, an embedder can do with the API alone.
 */
class ShellBoundaryTest {

    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice.cli");

    @Test
    void theCommandLineImportsNoInternalPackage() {
        noClasses().that().resideInAPackage("dev.sluice.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice..internal..")
                .because("the CLI uses only the public API (docs/api.md)")
                .check(CLI);
    }
}
