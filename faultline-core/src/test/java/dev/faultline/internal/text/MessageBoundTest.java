package dev.faultline.internal.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A message never exceeds its documented bound, and a huge argument costs no more than what fits. */
class MessageBoundTest {
    @Test
    void aLongMessageIsCutAndSaysHowMuch() {
        String big = "x".repeat(LenientFormat.MAX_MESSAGE_CHARS + 500);
        String m = LenientFormat.format("%s", big);
        assertTrue(m.startsWith("x".repeat(LenientFormat.MAX_MESSAGE_CHARS)), m.substring(0, 20));
        assertTrue(m.endsWith("\u2026 [500 chars cut]"), m.substring(m.length() - 40));
        assertEquals(m, LenientFormat.bound(big));
        assertEquals("short", LenientFormat.bound("short"));
        assertEquals(LenientFormat.bound(big), LenientFormat.supplied(() -> big));
    }

    @Test
    void aTenMillionElementListIsFormattedOnlyAsFarAsTheBound() {
        List<Integer> huge = Collections.nCopies(10_000_000, 7);
        long t0 = System.nanoTime();
        String m = LenientFormat.format("list %s end", huge);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("MessageBoundTest: 10M-element list formatted in " + ms + " ms");
        assertTrue(m.length() <= LenientFormat.MAX_MESSAGE_CHARS + 64, "length " + m.length());
        assertTrue(m.startsWith("list [7, 7, 7"), m.substring(0, 20));
        assertTrue(m.contains(" more elements]"), m.substring(m.length() - 60));
        // Before the bound this took seconds (17.6 s measured); the limit only allows for a loaded machine.
        assertTrue(ms < 2_000, ms + " ms");
    }

    @Test
    void smallCollectionsAndMapsLookAsTheirToString() {
        List<Object> list = new ArrayList<>(List.of(1, "two"));
        list.add(list);
        assertEquals("a [1, two, (this Collection)] b", LenientFormat.format("a %s b", list));
        Map<String, Integer> map = new HashMap<>();
        map.put("k", 1);
        assertEquals("m {k=1}", LenientFormat.format("m %s", map));
        assertEquals("[] {}", LenientFormat.format("%s %s", List.of(), Map.of()));
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        String s = "x".repeat(LenientFormat.MAX_MESSAGE_CHARS - 1) + "\uD83D\uDE00tail";
        String m = LenientFormat.bound(s);
        assertEquals("x".repeat(LenientFormat.MAX_MESSAGE_CHARS - 1) + "\u2026 [6 chars cut]", m);
    }
}
