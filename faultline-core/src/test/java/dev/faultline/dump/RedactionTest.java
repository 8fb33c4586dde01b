package dev.faultline.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.RedactMain;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sensitive state never reaches a dump: fields and record components marked {@link Sensitive},
 * classes marked {@link Sensitive}, and fields or string-keyed map entries whose names contain a
 * word of {@code faultline.redact}.
 */
class RedactionTest {
    static final class Login {
        final String user = "alice";
        final String password = "hunter2";
        final String apiKey = "AKIA-123";
        final String sessionToken = "tok-9";
        final char[] clientSecret = "s3cr3t".toCharArray();
        final Object credentials = new Object();
        @Sensitive
        final String ssn = "078-05-1120";
        final int attempts = 3;
    }

    record Card(String holder, @Sensitive String number) {}

    @Sensitive
    static final class PrivateKeyMaterial {
        final byte[] bytes = {1, 2, 3};
    }

    static final class Vault {
        final String label = "v1";
        final PrivateKeyMaterial material = new PrivateKeyMaterial();
    }

    @Test
    void theDefaultWordsCoverPasswordSecretTokenKeyCredential() {
        assertEquals(List.of("password", "secret", "token", "key", "credential"), Snapshots.redactedNames());
    }

    @Test
    void sensitiveFieldsAreRedactedByNameAndByAnnotation() {
        String text = Snapshots.dump(new Login()).text();
        assertTrue(text.endsWith("{user=\"alice\", password=<redacted>, apiKey=<redacted>, sessionToken=<redacted>, "
                + "clientSecret=<redacted>, credentials=<redacted>, ssn=<redacted>, attempts=3}"), text);
        for (String secret : List.of("hunter2", "AKIA", "tok-9", "s3cr3t", "078-05")) {
            assertFalse(text.contains(secret), secret + " leaked: " + text);
        }
    }

    @Test
    void aSensitiveRecordComponentIsRedacted() {
        String text = Snapshots.dump(new Card("alice", "4111111111111111")).text();
        assertTrue(text.endsWith("{holder=\"alice\", number=<redacted>}"), text);
    }

    @Test
    void aSensitiveClassIsRedactedWherever_itAppears() {
        String text = Snapshots.dump(new Vault()).text();
        assertTrue(text.matches(".*\\{label=\"v1\", material=.*PrivateKeyMaterial@[0-9a-f]+ <redacted>\\}"), text);
        assertTrue(Snapshots.dump(new PrivateKeyMaterial()).text().endsWith(" <redacted>"));
    }

    @Test
    void mapEntriesWithSensitiveStringKeysAreRedacted() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("host", "db.internal");
        config.put("db.password", "hunter2");
        config.put("AUTH_TOKEN", "abc");
        String text = Snapshots.dump(config).text();
        assertTrue(text.endsWith("{\"host\"=\"db.internal\", \"db.password\"=<redacted>, \"AUTH_TOKEN\"=<redacted>}"), text);
    }

    @Test
    void theOperatorChoosesTheWordsAndABadWordIsNamedWhileTheRestApply() throws Exception {
        Jvm.Result r = Jvm.run(RedactMain.class, List.of("-Dfaultline.redact=pin, bad word! ,"), Duration.ofSeconds(60));
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("words=[pin]\n"), r.toString());
        // password is no longer on the list; pin is, in field names and in map keys alike.
        assertTrue(r.stdout.contains("{name=\"alice\", pin=<redacted>, password=\"hunter2\", extra="), r.toString());
        assertTrue(r.stdout.contains("{\"pinCode\"=<redacted>}"), r.toString());
        assertTrue(r.stdout.contains("problem=faultline: invalid name 'bad word!' in faultline.redact (from system property"
                + " faultline.redact): expected a comma-separated list of names (letters, digits, '_', '-', '.');"
                + " the other names still apply"), r.toString());
    }

    @Test
    void anEmptyListRedactsByAnnotationOnly() throws Exception {
        Jvm.Result r = Jvm.run(RedactMain.class, List.of("-Dfaultline.redact="), Duration.ofSeconds(60));
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("words=[]\n"), r.toString());
        assertTrue(r.stdout.contains("password=\"hunter2\""), r.toString());
        assertFalse(r.stdout.contains("problem="), r.toString());
    }
}
