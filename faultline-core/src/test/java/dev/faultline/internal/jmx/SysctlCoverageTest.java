package dev.faultline.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.internal.config.ConfigKey;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import org.junit.jupiter.api.Test;

/** Every declared key is either settable at run time or listed as start-up only with its reason: none is forgotten. */
class SysctlCoverageTest {
    @Test
    void everyKeyIsRunTimeOrBootOnly() {
        Keys.load();
        for (ConfigKey k : Settings.keys()) {
            assertTrue(Sysctl.covers(k.property()), k.property() + " is neither in the sysctl table nor listed as"
                    + " start-up only (with the reason) in Sysctl");
        }
    }
}
