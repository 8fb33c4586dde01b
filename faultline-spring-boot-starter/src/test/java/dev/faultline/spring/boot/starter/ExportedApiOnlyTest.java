package dev.faultline.spring.boot.starter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.faultline.fixtures.CoreApi;
import dev.faultline.fixtures.Layering;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The starter has no code of its own: what it brings to an application is the auto-configuration
 * jar and the integrations. The Faultline classes on its class path other than core's (the
 * auto-configuration and the integrations) use only core's exported API and each other's public
 * API, and the auto-configurations are registered for Boot to find.
 */
class ExportedApiOnlyTest {
    static final Set<String> INTEGRATIONS = Set.of("dev.faultline.micrometer", "dev.faultline.opentelemetry",
            "dev.faultline.logback", "dev.faultline.spring.boot");

    @Test
    void theClassesTheStarterBringsUseOnlyCoresExportedApi() {
        JavaClasses brought = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(INTEGRATIONS.toArray(new String[0]));
        assertTrue(brought.contain("dev.faultline.spring.boot.FaultlineAutoConfiguration"), "the auto-configuration is on the class path");
        assertFalse(brought.isEmpty());
        Set<String> allowed = new HashSet<>(CoreApi.exportedPackages());
        allowed.addAll(INTEGRATIONS);
        assertEquals(List.of(), Layering.usesOfUnexported(brought, allowed, "dev.faultline.spring.boot"));
    }

    @Test
    void bootFindsEveryAutoConfiguration() throws Exception {
        String imports;
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports")) {
            imports = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String name : List.of("FaultlineAutoConfiguration", "FaultlineMetricsAutoConfiguration",
                "FaultlineOpenTelemetryAutoConfiguration", "FaultlineLogbackAutoConfiguration",
                "FaultlineActuatorAutoConfiguration")) {
            assertTrue(imports.contains("dev.faultline.spring.boot." + name), name);
            Class.forName("dev.faultline.spring.boot." + name);
        }
    }
}
