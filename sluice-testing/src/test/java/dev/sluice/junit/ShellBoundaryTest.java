package dev.sluice.junit;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The JUnit extension is a shell: it decides when a database is made, migrated, copied or rehearsed, and
 * the public API does each. It may not reach into an implementation package, so that what it does, a
 * user's own test code can do too.
 */
class ShellBoundaryTest {

    private static final JavaClasses EXTENSION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice.junit");

    @Test
    void theExtensionImportsNoInternalPackage() {
        noClasses().that().resideInAPackage("dev.sluice.junit..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice..internal..")
                .because("sluice-testing uses only the public API (docs/api.md)")
                .check(EXTENSION);
    }
}
