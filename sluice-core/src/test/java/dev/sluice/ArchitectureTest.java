package dev.sluice;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The arrows of DESIGN.md, checked on the compiled classes:
 * {@code db ← sql ← migration ← schema/history ← lint/trace ← execution ← rehearsal/backup/online/adopt ←
 * doctor/verify ← config ← facade}, with the leaf utilities (progress, json) below everything. A package may use its own sub-packages and any package of a lower tier, never one of its own
 * tier or above; so no cycle can form between concerns. A public type outside an {@code internal}
 * package is API, and no API signature may hand out an internal type.
 */
class ArchitectureTest {

    /**
     * Each concern's tier, lowest first. A new package must be added here, or the test fails: where it
     * sits is a decision, not an accident.
     */
    static final Map<String, Integer> TIERS = new LinkedHashMap<>();

    static {
        tier(0, "progress", "json");
        tier(1, "db");
        tier(2, "sql", "postgres");
        tier(3, "migration");
        tier(4, "schema", "history");
        tier(5, "lint", "trace");
        tier(6, "execution", "report");
        tier(7, "rehearsal", "backup", "online", "adopt", "clean");
        // The checklist reads the backup folder; the CI gate rehearses and writes reports; the monitor reads
        // history, lock holder, online state and the backup folder.
        tier(8, "doctor", "verify", "monitor");
        // The shadow-table rewrite runs its lock-taking steps through online's short transactions and
        // reports the copy with online's backfill progress, so it sits above online.
        tier(8, "rewrite");
        tier(9, "config");
        tier(10, "");
    }

    private static void tier(int rank, String... concerns) {
        for (String c : concerns) {
            TIERS.put(c, rank);
        }
    }

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sluice");
    }

    /** The concern of a class: the first package segment after {@code dev.sluice}, or "" for the facade. */
    static String concern(JavaClass c) {
        String pkg = c.getPackageName();
        if (pkg.equals("dev.sluice")) {
            return "";
        }
        String rest = pkg.substring("dev.sluice.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    @Test
    void everyPackageHasATier() {
        Set<String> unknown = new TreeSet<>();
        for (JavaClass c : classes) {
            if (c.getPackageName().startsWith("dev.sluice") && !TIERS.containsKey(concern(c))) {
                unknown.add(c.getPackageName());
            }
        }
        assertEquals(Set.of(), unknown, "packages without a tier in ArchitectureTest.TIERS");
    }

    @Test
    void arrowsPointDown() {
        Set<String> wrong = new TreeSet<>();
        for (JavaClass c : classes) {
            String from = concern(c);
            Integer fromTier = TIERS.get(from);
            if (fromTier == null) {
                continue;
            }
            c.getDirectDependenciesFromSelf().forEach(d -> {
                JavaClass target = d.getTargetClass();
                if (!target.getPackageName().startsWith("dev.sluice")) {
                    return;
                }
                String to = concern(target);
                Integer toTier = TIERS.get(to);
                if (toTier != null && !to.equals(from) && toTier >= fromTier) {
                    wrong.add(c.getName() + " -> " + target.getName());
                }
            });
        }
        assertEquals(Set.of(), wrong, "dependencies that point up or sideways");
    }

    @Test
    void theStatementModelKnowsNoJdbc() {
        noClasses().that().resideInAPackage("dev.sluice.sql..")
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .check(classes);
    }

    @Test
    void noApiSignatureExposesAnInternalType() {
        List<String> leaks = new ArrayList<>();
        for (JavaClass c : classes) {
            if (!isApi(c)) {
                continue;
            }
            for (JavaCodeUnit unit : c.getCodeUnits()) {
                if (!visible(unit.getModifiers())) {
                    continue;
                }
                Set<JavaClass> involved = new java.util.HashSet<>(unit.getReturnType().getAllInvolvedRawTypes());
                unit.getParameterTypes().forEach(t -> involved.addAll(t.getAllInvolvedRawTypes()));
                involved.addAll(unit.getThrowsClause().getTypes());
                involved.stream().filter(ArchitectureTest::isInternal)
                        .forEach(t -> leaks.add(unit.getFullName() + " exposes " + t.getName()));
            }
            for (JavaField f : c.getFields()) {
                if (visible(f.getModifiers())) {
                    f.getType().getAllInvolvedRawTypes().stream().filter(ArchitectureTest::isInternal)
                            .forEach(t -> leaks.add(f.getFullName() + " exposes " + t.getName()));
                }
            }
            for (JavaClass iface : c.getRawInterfaces()) {
                if (isInternal(iface)) {
                    leaks.add(c.getName() + " implements " + iface.getName());
                }
            }
            c.getRawSuperclass().filter(ArchitectureTest::isInternal)
                    .ifPresent(s -> leaks.add(c.getName() + " extends " + s.getName()));
        }
        assertTrue(leaks.isEmpty(), "API signatures that hand out internal types:\n  " + String.join("\n  ", leaks));
    }

    static boolean isInternal(JavaClass c) {
        return c.getPackageName().startsWith("dev.sluice.") && c.getPackageName().contains(".internal");
    }

    /** A type an embedder can name: public, outside an internal package, and reachable (not in a private nest). */
    static boolean isApi(JavaClass c) {
        if (isInternal(c) || !c.getPackageName().startsWith("dev.sluice") || !c.getModifiers().contains(JavaModifier.PUBLIC)) {
            return false;
        }
        return c.getEnclosingClass().map(ArchitectureTest::isApi).orElse(true);
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }
}
