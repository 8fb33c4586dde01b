package dev.faultline.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The default application name comes from the launcher's command line, made safe as a directory name. */
class AppNameTest {
    @Test
    void aMainClassIsTheName() {
        assertEquals("com.acme.Billing", AppName.fromCommand("com.acme.Billing --port 8080"));
    }

    @Test
    void aModuleLaunchGivesItsMainClass() {
        assertEquals("com.acme.Billing", AppName.fromCommand("com.acme/com.acme.Billing"));
    }

    @Test
    void aJarGivesItsFileNameWithoutTheVersion() {
        assertEquals("billing", AppName.fromCommand("/opt/acme/billing-1.4.2-SNAPSHOT.jar --port 8080"));
        assertEquals("billing", AppName.fromCommand("billing.jar"));
        assertEquals("surefirebooter", AppName.fromCommand("/tmp/surefire123/surefirebooter-20261130195629975_3.jar /tmp/x"));
    }

    @Test
    void nothingGivesJava() {
        assertEquals("java", AppName.fromCommand(null));
        assertEquals("java", AppName.fromCommand("  "));
    }

    @Test
    void unsafeCharactersBecomeUnderscoresAndTheNameIsCut() {
        assertEquals("my_app__1", AppName.sanitise("my app/\u00e91"));
        assertEquals("_.", AppName.sanitise(".."));
        assertEquals(AppName.MAX_LENGTH, AppName.sanitise("x".repeat(100)).length());
    }
}
