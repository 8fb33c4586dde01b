package dev.faultline.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The agent names no Faultline class at all (it finds core's exported API by name at run time,
 * in whichever copy is the runtime), and the bridge that sits on the bootstrap class path names
 * nothing but the JDK.
 */
class AgentLayeringTest {
    static final JavaClasses AGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.faultline.agent");

    @Test
    void theAgentDependsOnNoFaultlineClass() {
        noClasses().that().resideInAPackage("dev.faultline.agent..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.faultline", "dev.faultline.internal..",
                        "dev.faultline.ring..", "dev.faultline.panic..", "dev.faultline.jmx..", "dev.faultline.dump..")
                .check(AGENT);
    }

    @Test
    void theBridgeNamesOnlyTheJdk() {
        noClasses().that().resideInAPackage("dev.faultline.agent.bridge")
                .should().dependOnClassesThat().resideOutsideOfPackages("java..", "dev.faultline.agent.bridge")
                .check(AGENT);
    }
}
