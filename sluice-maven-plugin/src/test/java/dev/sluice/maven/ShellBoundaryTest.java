package dev.sluice.maven;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The Maven plugin is a shell: it maps parameters onto the public API and renders. It may not reach into
 * an implementation package, so whatever a goal does, an embedder can do with the API alone.
 */
class ShellBoundaryTest {

    private static final JavaClasses PLUGIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.sluice.maven");

    @Test
    void thePluginImportsNoInternalPackage() {
        noClasses().that().resideInAPackage("dev.sluice.maven..")
                .should().dependOnClassesThat().resideInAPackage("dev.sluice..internal..")
                .because("the Maven plugin uses only the public API (docs/api.md)")
                .check(PLUGIN);
    }
}
