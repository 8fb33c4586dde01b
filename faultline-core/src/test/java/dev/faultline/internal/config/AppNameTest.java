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

    /** The launcher joins the jar path and the arguments with spaces: the name stopped at the first space. */
    @Test
    void aJarPathWithSpacesIsTheWholePath() {
        // -jar: the class path is the jar path, spaces and all.
        assertEquals("my_app", AppName.fromCommand("/opt/my app-1.0.jar --port 8080", "/opt/my app-1.0.jar"));
        assertEquals("my_app", AppName.fromCommand("my app-1.0.jar", "my app-1.0.jar"));
        assertEquals("billing_service", AppName.fromCommand("/srv/apps 2/billing service.jar x.jar y",
                "/srv/apps 2/billing service.jar"));
        // Without the class path: a path runs to the first .jar followed by a space or the end.
        assertEquals("my_app", AppName.fromCommand("/opt/my app-1.0.jar --port 8080"));
        assertEquals("my_app", AppName.fromCommand("/opt/my app-1.0.jar"));
        // A main class holds no spaces, whatever its arguments are and whatever the class path is.
        assertEquals("com.acme.Billing", AppName.fromCommand("com.acme.Billing my app.jar", "/opt/lib/a.jar:/opt/lib/b.jar"));
        assertEquals("com.acme.Billing", AppName.fromCommand("com.acme.Billing /opt/my app.jar", "/opt/lib/a.jar"));
        assertEquals("com.acme.Billing", AppName.fromCommand("com.acme/com.acme.Billing x", "/opt/lib/a.jar"));
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
