package dev.faultline.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.faultline.fixtures.CoreApi;
import dev.faultline.fixtures.Layering;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * This module is an integration like any user's: it uses only what faultline-core exports, and
 * the public API of the integrations it wires (each of which checks the same rule for itself).
 */
class ExportedApiOnlyTest {
    /** The packages of the integration modules this one wires: their public API, not core's. */
    static final Set<String> INTEGRATIONS = Set.of("dev.faultline.micrometer", "dev.faultline.opentelemetry",
            "dev.faultline.logback");

    @Test
    void mainCodeUsesOnlyCoresExportedPackages() {
        JavaClasses own = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.faultline.spring.boot");
        assertFalse(own.isEmpty(), "the module's own classes were found");
        assertEquals(List.of(), Layering.usesOfUnexported(own, allowed(), "dev.faultline.spring.boot"));
    }

    static Set<String> allowed() {
        Set<String> allowed = new HashSet<>(CoreApi.exportedPackages());
        allowed.addAll(INTEGRATIONS);
        return allowed;
    }
}
