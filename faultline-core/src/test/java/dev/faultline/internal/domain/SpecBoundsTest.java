package dev.faultline.internal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.DebugMode;
import dev.faultline.fixtures.Captured;
import dev.faultline.internal.config.Settings;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Operator input in bulk or in disguise: a spec with thousands of entries is applied up to a
 * bound with a named error past it, its problems are bounded too, and tokens are ASCII (a
 * control character or a look-alike letter is refused, and an error names whole characters).
 */
class SpecBoundsTest {
    @Test
    void aModeTokenWithAControlCharacterIsRefused() {
        DebugSpec.Parsed p = DebugSpec.parse("mm=warn\u0000");
        assertTrue(p.entries.isEmpty(), p.entries.toString());
        assertEquals(List.of("entry 1 'mm=warn\u0000' at column 1: unknown mode 'warn\u0000'; expected off, warn, once or panic"),
                p.problems);
        assertNull(DebugMode.fromToken("warn\u0000"));
        assertNull(Settings.parseBoolOrNull("1\u0000"));
    }

    @Test
    void aModeTokenWithALookAlikeLetterIsRefused() {
        DebugSpec.Parsed p = DebugSpec.parse("mm=PAN\u0131C"); // dotless i
        assertTrue(p.entries.isEmpty(), p.entries.toString());
        assertTrue(p.problems.get(0).contains("unknown mode 'PAN\u0131C'"), p.problems.toString());
        assertEquals(DebugMode.PANIC, DebugMode.fromToken(" PaNiC "), "ASCII case and blanks are still fine");
    }

    @Test
    void anErrorNamesAWholeEmojiNeverHalfOfIt() {
        DebugSpec.Parsed p = DebugSpec.parse("mm.\uD83D\uDE00=warn");
        String problem = p.problems.get(0);
        assertTrue(problem.contains("character '\uD83D\uDE00' is not allowed"), problem);
        for (int i = 0; i < problem.length(); i++) {
            char c = problem.charAt(i);
            assertTrue(!Character.isSurrogate(c) || (Character.isHighSurrogate(c) && i + 1 < problem.length()
                    && Character.isLowSurrogate(problem.charAt(++i))), "a lone surrogate at " + i + ": " + problem);
        }
    }

    @Test
    void aSpecWithEightThousandEntriesIsBoundedAndNamesTheEntriesPastTheBound() {
        StringBuilder spec = new StringBuilder();
        int n = 8_000;
        for (int i = 0; i < n; i++) {
            spec.append(i == 0 ? "" : ",").append("bulk.d").append(i).append("=warn");
        }
        try (Captured captured = new Captured()) {
            long t0 = System.nanoTime();
            List<String> problems = DomainTable.apply(spec.toString(), "test");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            System.out.println("applied a spec of " + n + " entries in " + ms + " ms; " + problems.size() + " problem lines");
            int room = DomainTable.MAX_SETTINGS;
            assertTrue(problems.size() <= DebugSpec.MAX_PROBLEMS + 1, "problems are bounded: " + problems.size());
            assertTrue(problems.get(0).contains("debug domain bulk.d") && problems.get(0).contains(" not set: "
                    + DomainTable.MAX_SETTINGS + " names already have a setting of their own"), problems.get(0));
            assertTrue(problems.get(problems.size() - 1).endsWith("more entries refused for the same reason"),
                    problems.toString());
            assertTrue(DomainTable.unregistered().size() <= room, "settings are bounded");
            assertEquals(DebugMode.WARN, DomainTable.mode("bulk.d0"));
            assertEquals(DebugMode.OFF, DomainTable.mode("bulk.d" + (n - 1)), "past the bound: refused, not applied");
        } finally {
            for (int i = 0; i < n; i++) {
                DomainTable.change("bulk.d" + i, null, "test");
            }
        }
    }

    @Test
    void configurationProblemsAreBounded() {
        int before = Settings.problems().size();
        for (int i = 0; i < Settings.MAX_PROBLEMS + 50; i++) {
            Settings.problem("bulk problem " + i);
        }
        List<String> all = Settings.problems();
        assertTrue(all.size() <= Settings.MAX_PROBLEMS + 1, "kept " + all.size() + " (had " + before + ")");
        assertTrue(all.get(all.size() - 1).matches("faultline: and \\d+ more configuration problems, not kept"),
                all.get(all.size() - 1));
    }
}
