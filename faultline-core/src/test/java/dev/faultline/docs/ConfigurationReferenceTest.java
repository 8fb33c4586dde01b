package dev.faultline.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Docs;
import dev.faultline.internal.config.ConfigKey;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.jmx.Sysctl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/operations/configuration.md against the keys the core accepts: one row per key, no row
 * for a key that does not exist, each row with the code's default and saying whether a running
 * process can change the key; the start-up-only table names exactly the keys that cannot; and
 * every {@code FAULTLINE_*} variable the README and docs/ mention is a key's.
 */
class ConfigurationReferenceTest {
    static final Path PAGE = Path.of("docs/operations/configuration.md");

    /** One accepted key as the reference describes it. */
    record Key(String name, String defaultValue, boolean runTime, String envVar) {}

    /**
     * The keys the core accepts, read from the code's key table. The one place this check learns
     * them: point it at wherever the key table lives.
     */
    static List<Key> acceptedKeys() {
        Keys.load();
        List<Key> keys = new ArrayList<>();
        for (ConfigKey k : Settings.keys()) {
            keys.add(new Key(k.name(), k.defaultValue(), Sysctl.isRuntime(k.property()), k.envVar()));
        }
        return keys;
    }

    static Map<String, List<String>> rows() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (List<String> row : Docs.table(Docs.read(PAGE), "key")) {
            String key = row.get(0).replace("`", "");
            assertTrue(rows.put(key, row) == null, "two rows for " + key);
        }
        return rows;
    }

    @Test
    void everyKeyHasOneRowWithTheCodesDefaultAndWhenItIsRead() {
        Map<String, List<String>> rows = rows();
        List<Key> keys = acceptedKeys();
        assertEquals(keys.stream().map(Key::name).collect(Collectors.toCollection(TreeSet::new)), new TreeSet<>(rows.keySet()),
                "keys the core accepts vs rows of " + PAGE);
        List<String> problems = new ArrayList<>();
        for (Key k : keys) {
            List<String> row = rows.get(k.name());
            if (row.size() != 5) {
                problems.add(k.name() + ": a row of key | kernel | default | read | meaning, not " + row);
                continue;
            }
            String kernel = row.get(1);
            String dflt = row.get(2).replace("`", "");
            String read = row.get(3);
            if (kernel.isBlank() || row.get(4).isBlank()) {
                problems.add(k.name() + ": no kernel name (— for none) or no meaning");
            }
            if (k.defaultValue().isEmpty() ? !dflt.startsWith("(empty") : !dflt.contains(k.defaultValue())) {
                problems.add(k.name() + ": the code's default is '" + k.defaultValue() + "', the page says '" + row.get(2) + "'");
            }
            String expected = k.runTime() ? "start, run time" : "start";
            if (!read.equals(expected)) {
                problems.add(k.name() + ": read '" + read + "', but the code has it " + expected);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theStartUpOnlyTableNamesExactlyTheKeysARunningProcessCannotChange() {
        Set<String> listed = new TreeSet<>();
        for (List<String> row : Docs.table(Docs.read(PAGE), "boot-only keys")) {
            Matcher m = Pattern.compile("`([a-z_]+)`").matcher(row.get(0));
            while (m.find()) {
                listed.add(m.group(1));
            }
        }
        Set<String> bootOnly = acceptedKeys().stream().filter(k -> !k.runTime()).map(Key::name)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(bootOnly, listed, "start-up-only keys in the code vs the page's table");
    }

    /** Names that look like variables but are not keys: a placeholder, a Spring role, a log marker. */
    static final Set<String> NOT_KEYS = Set.of("FAULTLINE_KEY", "FAULTLINE_ADMIN", "FAULTLINE_REPORT");

    @Test
    void everyFaultlineVariableTheDocsMentionIsAKey() {
        Set<String> vars = acceptedKeys().stream().map(Key::envVar).collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        for (Path page : Docs.pages()) {
            Matcher m = Pattern.compile("FAULTLINE_[A-Z_]+").matcher(Docs.read(page));
            while (m.find()) {
                if (!vars.contains(m.group()) && !NOT_KEYS.contains(m.group())) {
                    problems.add(page + ": " + m.group() + " is no key's variable");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }
}
