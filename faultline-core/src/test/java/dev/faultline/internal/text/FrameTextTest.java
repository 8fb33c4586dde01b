package dev.faultline.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FrameTextTest {
    @Test
    void isExactlyToStringForFramesThatShareASlotOrDifferInOneField() {
        StackTraceElement[] frames = new Throwable().getStackTrace();
        int checked = 0;
        for (int round = 0; round < 3; round++) {
            for (StackTraceElement f : frames) {
                assertEquals(f.toString(), FrameText.of(f));
                checked++;
            }
        }
        // Frames equal but for one field each must never be served another's text.
        for (int line = -2; line < 5000; line++) {
            StackTraceElement a = new StackTraceElement("app", "mod", "1.0", "com.acme.Ledger", "post", "Ledger.java", line);
            StackTraceElement b = new StackTraceElement("com.acme.Ledger", "post", "Ledger.java", line);
            StackTraceElement c = new StackTraceElement("com.acme.Ledger", "post", null, line);
            StackTraceElement d = new StackTraceElement("com.acme.Ledger", "get", "Ledger.java", line);
            for (StackTraceElement f : new StackTraceElement[] {a, b, c, d, a, d}) {
                assertEquals(f.toString(), FrameText.of(f));
                checked++;
            }
        }
        System.out.println("FrameTextTest: " + checked + " lookups equal to StackTraceElement.toString()");
    }

    @Test
    void appendJsonIsTheEscapedTextAlsoForFramesThatNeedEscaping() {
        int checked = 0;
        for (int round = 0; round < 3; round++) {
            for (int line = 0; line < 3000; line++) {
                StackTraceElement plain = new StackTraceElement("com.acme.Ledger", "post", "Ledger.java", line);
                // A file name with a quote, a backslash, a control character and a bidi override.
                StackTraceElement odd = new StackTraceElement("com.acme.Ledger", "post", "Led\"ger\\\u0001\u202e.java", line);
                StackTraceElement lambda = new StackTraceElement("com.acme.Ledger$$Lambda$90/0x0000000800c0b1a8", "run", null, line);
                for (StackTraceElement f : new StackTraceElement[] {plain, odd, lambda, odd}) {
                    StringBuilder want = new StringBuilder("[");
                    Escape.json(want, f.toString());
                    StringBuilder got = new StringBuilder("[");
                    FrameText.appendJson(got, f);
                    assertEquals(want.toString(), got.toString());
                    assertEquals(Escape.text(f.toString()), FrameText.line(f));
                    checked++;
                }
            }
        }
        System.out.println("FrameTextTest: " + checked + " JSON frames equal to Escape.json(toString())");
    }
}
