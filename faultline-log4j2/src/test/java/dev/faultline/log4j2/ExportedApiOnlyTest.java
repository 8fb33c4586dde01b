package dev.faultline.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.faultline.fixtures.CoreApi;
import dev.faultline.fixtures.Layering;
import java.util.List;
import org.junit.jupiter.api.Test;

/** This module is an integration like any user's: it uses only what faultline-core exports. */
class ExportedApiOnlyTest {
    @Test
    void mainCodeUsesOnlyCoresExportedPackages() {
        JavaClasses own = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.faultline.log4j2");
        assertFalse(own.isEmpty(), "the module's own classes were found");
        List<String> violations = Layering.usesOfUnexported(own, CoreApi.exportedPackages(), "dev.faultline.log4j2");
        assertEquals(List.of(), violations);
    }
}
