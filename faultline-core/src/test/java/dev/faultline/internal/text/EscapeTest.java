package dev.faultline.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Text that could mislead a reader or a terminal is made visible; good text is left alone. */
class EscapeTest {
    @Test
    void bidiOverridesAndIsolatesAreEscapedInTextAndJson() {
        assertEquals("evil \\u202etxt.exe", Escape.text("evil \u202etxt.exe"));
        assertEquals("\\u2066x\\u2069", Escape.text("\u2066x\u2069"));
        assertEquals("\"a\\u202eb\"", Escape.json("a\u202eb"));
    }

    @Test
    void loneSurrogatesAreEscapedAndPairsKept() {
        assertEquals("a\\ud800b", Escape.text("a\ud800b"));
        assertEquals("\\udc00", Escape.text("\udc00"));
        assertEquals("x\\ud83d", Escape.text("x\ud83d"));
        String pair = "\uD83D\uDE00 \u65e5\u672c caf\u00e9";
        assertSame(pair, Escape.text(pair));
        assertEquals("\"" + pair + "\"", Escape.json(pair));
        assertEquals("\"\\ud800\"", Escape.json("\ud800"));
    }

    @Test
    void controlsStillEscapeWithoutStringFormat() {
        assertEquals("a\\u0001b\\u009f\\n\\\\", Escape.text("a\u0001b\u009f\n\\"));
    }

    @Test
    void inputIsShownWholeUpToAHundredCharactersElseCutWithItsLength() {
        assertEquals("'abc'", Escape.quoted("abc"));
        assertEquals("abc", Escape.cut("abc"));
        String hundred = "x".repeat(100);
        assertEquals("'" + hundred + "'", Escape.quoted(hundred));
        String huge = "y".repeat(1 << 20);
        assertEquals("'" + "y".repeat(80) + "...' (1048576 characters)", Escape.quoted(huge));
        assertEquals("y".repeat(80) + "... (1048576 characters)", Escape.cut(huge));
        // Never half a surrogate pair.
        String emoji = "z".repeat(79) + "\ud83d\ude00" + "z".repeat(100);
        assertEquals("z".repeat(79) + "... (181 characters)", Escape.cut(emoji));
        assertEquals("null", Escape.quoted(null));
    }
}
