package dev.faultline.layout;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.faultline.fixtures.CoreApi;
import dev.faultline.fixtures.Layering;
import dev.faultline.internal.boot.Boot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layout of faultline-core, checked on its compiled classes: packages by concern, the
 * implementation below the API without package cycles, one class that wires the subsystems,
 * and a module descriptor that exports the API packages and nothing else.
 */
class LayeringTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.faultline");
    }

    @Test
    void dependenciesPointOneWayButForTheNamedPairs() {
        // No blanket exemption: the API package is in the graph like every other; only the
        // pairs Layering names (facade to its own implementation, the API's value and SPI types,
        // the JUL handler) are left out.
        List<String> cycles = Layering.cycles(core);
        printGraph();
        assertEquals(List.of(), cycles);
    }

    @Test
    void everyPackageInfoSaysTheTruthAboutWhatItUses() throws java.io.IOException {
        // "May use:" lists the Faultline packages as {@code ...}; it must be exactly what the
        // classes use, so the documented layering cannot drift from the real one.
        List<String> wrong = new java.util.ArrayList<>();
        Map<String, Set<String>> g = Layering.packageGraph(core);
        java.util.regex.Pattern code = java.util.regex.Pattern.compile("\\{@code (dev\\.faultline[\\w.]*)}");
        for (Map.Entry<String, Set<String>> e : g.entrySet()) {
            java.nio.file.Path info = java.nio.file.Path.of("src/main/java", e.getKey().replace('.', '/'), "package-info.java");
            String text = java.nio.file.Files.readString(info);
            int at = text.indexOf("May use:");
            Set<String> said = new TreeSet<>();
            if (at >= 0) {
                int end = text.indexOf("Used by:", at);
                end = end < 0 ? text.indexOf("*/", at) : end;
                java.util.regex.Matcher m = code.matcher(text.substring(at, end));
                while (m.find()) {
                    said.add(m.group(1));
                }
            }
            if (at < 0 || !said.equals(e.getValue())) {
                StringBuilder line = new StringBuilder("May use: ");
                if (e.getValue().isEmpty()) {
                    line.append("nothing of Faultline.");
                } else {
                    e.getValue().forEach(p -> line.append("{@code ").append(p).append("}, "));
                    line.setLength(line.length() - 2);
                    line.append('.');
                }
                wrong.add(info + " says " + said + "; it should say: " + line);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theCycleCheckSeesACycle() {
        // The rule itself, on a graph that has one: a check that cannot fail proves nothing.
        JavaClasses withCycle = new ClassFileImporter().importClasses(
                dev.faultline.layout.cycle.a.A.class, dev.faultline.layout.cycle.b.B.class);
        assertEquals(1, Layering.cycles(withCycle).size(), "a cycle between two packages is reported");
    }

    @Test
    void implementationNeverCallsTheFacade() {
        // The facade boots the runtime on every call and is for users and integrations; the
        // implementation reads the run-time state from its own holders (RunPolicy, SiteDirectory).
        noClasses().that().resideInAPackage(Layering.INTERNAL + "..")
                .should().dependOnClassesThat().haveFullyQualifiedName(dev.faultline.Faultline.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(dev.faultline.Policy.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(dev.faultline.DebugDomains.class.getName())
                .orShould().dependOnClassesThat().haveFullyQualifiedName(dev.faultline.Site.class.getName())
                .because("implementation never calls the public facade (Faultline, Policy, DebugDomains, Site)")
                .check(core);
    }

    @Test
    void onlyBootWiresTheSubsystems() {
        // Wiring: a subsystem's boot step, the problem sink, a report sink plugged into the flow.
        DescribedPredicate<JavaAccess<?>> wiring = new DescribedPredicate<>("a wiring call (a subsystem's boot step,"
                + " Settings.setProblemSink, Core.addSink)") {
            @Override
            public boolean test(JavaAccess<?> a) {
                String owner = a.getTargetOwner().getPackageName();
                String name = a.getTarget().getName();
                boolean internal = owner.startsWith(Layering.INTERNAL);
                return internal && (name.equals("boot") || name.equals("setProblemSink") || name.equals("addSink"));
            }
        };
        noClasses().that().doNotHaveFullyQualifiedName(Boot.class.getName())
                .should().callCodeUnitWhere(wiring)
                .because("Boot is the one place that connects Faultline's subsystems, in its stated order")
                .check(core);
    }

    @Test
    void theModuleExportsTheApiPackagesAndNoImplementation() {
        Set<String> exported = CoreApi.exportedPackages();
        assertEquals(Set.of("dev.faultline", "dev.faultline.dump", "dev.faultline.jmx", "dev.faultline.panic",
                "dev.faultline.report", "dev.faultline.ring"), exported);
        Set<String> packages = new TreeSet<>();
        core.forEach(c -> packages.add(c.getPackageName()));
        for (String p : packages) {
            assertTrue(exported.contains(p) || p.startsWith(Layering.INTERNAL + "."),
                    p + " is neither exported API nor under " + Layering.INTERNAL);
        }
        assertTrue(CoreApi.descriptor().requires().stream()
                .filter(r -> !r.name().equals("java.base"))
                .allMatch(r -> r.modifiers().contains(java.lang.module.ModuleDescriptor.Requires.Modifier.STATIC)),
                "every module core needs beyond java.base is optional (requires static): " + CoreApi.descriptor());
    }

    @Test
    void everyPackageSaysWhatItOwns() {
        Set<String> packages = new TreeSet<>();
        core.forEach(c -> packages.add(c.getPackageName()));
        for (String p : packages) {
            assertTrue(LayeringTest.class.getClassLoader().getResource(p.replace('.', '/') + "/package-info.class") != null,
                    p + " has no package-info.java");
        }
    }

    /** The package graph, for the build log: who may use whom, as it stands. */
    private static void printGraph() {
        Map<String, Set<String>> g = Layering.packageGraph(core);
        StringBuilder b = new StringBuilder("faultline-core package dependencies (" + g.size() + " packages):\n");
        g.forEach((from, tos) -> b.append("  ").append(from).append(" -> ").append(tos).append('\n'));
        System.out.print(b);
    }
}
