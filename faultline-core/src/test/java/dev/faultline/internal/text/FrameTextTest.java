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
}
