package dev.faultline.log4j2;

import dev.faultline.fixtures.Layering;
import org.junit.jupiter.api.Test;

/** This module is an integration like any user's: it uses only what faultline-core exports. */
class ExportedApiOnlyTest {
    @Test
    void mainCodeUsesOnlyCoresExportedPackages() {
        Layering.assertUsesOnlyExportedApi("dev.faultline.log4j2");
    }
}
