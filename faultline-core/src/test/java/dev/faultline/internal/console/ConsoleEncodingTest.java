package dev.faultline.internal.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the console's charset cannot encode becomes an escape, never a question mark. */
class ConsoleEncodingTest {
    @Test
    void unencodableCharsBecomeUnicodeEscapes() {
        String s = "caf\u00e9 \u65e5 \uD83D\uDE00!";
        assertEquals("caf\\u00e9 \\u65e5 \\ud83d\\ude00!", Console.encodable(s, StandardCharsets.US_ASCII.newEncoder()));
        assertEquals("caf\u00e9 \\u65e5 \\ud83d\\ude00!", Console.encodable(s, StandardCharsets.ISO_8859_1.newEncoder()));
        assertSame(s, Console.encodable(s, null));
        String ascii = "plain";
        assertSame(ascii, Console.encodable(ascii, StandardCharsets.US_ASCII.newEncoder()));
    }

    @Test
    void unicodeCharsetsNeedNoEscapes() {
        assertEquals(null, Console.encoderFor(StandardCharsets.UTF_8));
    }
}
