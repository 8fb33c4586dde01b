package dev.faultline.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Cycles, huge collections, deep chains, long strings: every dump stays within its limits. */
class DumpBoundsTest {
    static final Duration BOUND = Duration.ofSeconds(20);

    static final class Node {
        final int id;
        Node next;

        Node(int id) {
            this.id = id;
        }
    }

    @Test
    void aMillionElementListShowsTheFirstElementsAndTheRestAsACount() {
        List<Integer> big = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            big.add(i);
        }
        Snapshot s = assertTimeoutPreemptively(BOUND, () -> Snapshots.dump(big));
        assertTrue(s.text().matches("java\\.util\\.ArrayList@[0-9a-f]+\\(size 1000000\\)\\[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, "
                + "10, 11, 12, 13, 14, 15, 16, 17, 18, 19, … 999980 more\\]"), s.text());
        assertTrue(s.faithful());
    }

    @Test
    void aMillionElementArrayIsNotCopiedWhole() {
        long[] big = new long[1_000_000];
        Arrays.fill(big, 7);
        Object[] objects = new Object[1_000_000];
        String a = Snapshots.dump(big).text();
        String b = Snapshots.dump(objects).text();
        assertTrue(a.matches("long\\[\\]@[0-9a-f]+\\(length 1000000\\)\\[(7, ){20}… 999980 more\\]"), a);
        assertTrue(b.matches("java\\.lang\\.Object\\[\\]@[0-9a-f]+\\(length 1000000\\)\\[(null, ){20}… 999980 more\\]"), b);
    }

    @Test
    void aMillionEntryMapIsBoundedToo() {
        Map<Integer, String> big = new HashMap<>();
        for (int i = 0; i < 1_000_000; i++) {
            big.put(i, "v");
        }
        String text = Snapshots.dump(big).text();
        assertTrue(text.contains("(size 1000000){") && text.endsWith(", … 999980 more}"), text);
    }

    @Test
    void aSelfReferenceIsShownAsACycle() {
        Node n = new Node(1);
        n.next = n;
        String text = Snapshots.dump(n).text();
        assertTrue(text.matches("(.*Node)@([0-9a-f]+)\\{id=1, next=<cycle: \\1@\\2>\\}"), text);
    }

    @Test
    void aTwoNodeCycleAndCollectionsThatContainThemselvesEnd() {
        Node a = new Node(1);
        Node b = new Node(2);
        a.next = b;
        b.next = a;
        String text = Snapshots.dump(a).text();
        assertTrue(text.matches(".*Node@[0-9a-f]+\\{id=1, next=.*Node@[0-9a-f]+\\{id=2, next=<cycle: .*Node@[0-9a-f]+>\\}\\}"), text);

        List<Object> list = new ArrayList<>();
        list.add(list);
        assertTrue(Snapshots.dump(list).text().matches("java\\.util\\.ArrayList@([0-9a-f]+)\\(size 1\\)\\[<cycle: java\\.util\\.ArrayList@\\1>\\]"));
        Map<String, Object> map = new HashMap<>();
        map.put("me", map);
        assertTrue(Snapshots.dump(map).text().contains("\"me\"=<cycle: java.util.HashMap@"));
        Object[] array = new Object[1];
        array[0] = array;
        assertTrue(Snapshots.dump(array).text().contains("[<cycle: java.lang.Object[]@"));
    }

    @Test
    void anObjectSharedTwiceIsShownOnce() {
        Node shared = new Node(9);
        String text = Snapshots.dump(List.of(shared, shared)).text();
        assertTrue(text.matches(".*\\[.*Node@([0-9a-f]+)\\{id=9, next=null\\}, <see .*Node@\\1 above>\\]"), text);
    }

    @Test
    void aLongChainStopsAtTheDepthLimitWithoutRunningOutOfStack() {
        Node head = new Node(0);
        Node n = head;
        for (int i = 1; i < 100_000; i++) {
            n.next = new Node(i);
            n = n.next;
        }
        Snapshot s = Snapshots.dump(head);
        assertTrue(s.text().contains("{id=4, next=dev.faultline.dump.DumpBoundsTest$Node@"), s.text());
        assertTrue(s.text().endsWith("{…}}}}}}"), s.text());
        assertEquals(6, s.text().split("\\{id=", -1).length, "depth 0 to 4 opened: " + s.text());
    }

    @Test
    void longStringsAreCutAndTheWholeDumpIsBounded() {
        String big = "x".repeat(100_000);
        String one = Snapshots.dump(big).text();
        assertEquals("\"" + "x".repeat(200) + "\"…(+99800 chars)", one);

        List<String> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(big);
        }
        DumpLimits limits = DumpLimits.DEFAULTS.withMaxElements(100);
        String all = Snapshots.dump(many, limits).text();
        assertTrue(all.endsWith("… (dump cut at 8192 chars)"), all.substring(all.length() - 80));
        assertEquals(8192 + "… (dump cut at 8192 chars)".length(), all.length());
    }

    @Test
    void aSurrogatePairIsNeverSplitByACut() {
        String emoji = "\uD83D\uDE00".repeat(150); // 300 chars
        String text = Snapshots.dump(emoji, DumpLimits.DEFAULTS.withMaxStringLength(101)).raw();
        assertTrue(text.startsWith("\"" + "\uD83D\uDE00".repeat(50) + "\"…(+200 chars)"), text);
    }

    @Test
    void fieldsBeyondTheLimitAreCounted() {
        Object five = new Object() {
            final int a = 1;
            final int b = 2;
            final int c = 3;
            final int d = 4;
            final int e = 5;
        };
        String text = Snapshots.dump(five, DumpLimits.DEFAULTS.withMaxFields(3)).text();
        assertTrue(text.endsWith("{a=1, b=2, c=3, … 2 more fields}"), text);
    }

    @Test
    void trustedValuesAreShownByTheirOwnText() {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        Instant t = Instant.parse("2026-11-21T08:00:00Z");
        assertEquals("123e4567-e89b-12d3-a456-426614174000", Snapshots.dump(id).text());
        assertEquals("2026-11-21T08:00:00Z", Snapshots.dump(t).text());
        assertEquals("'\\n'", Snapshots.dump('\n').text());
        assertEquals("java.lang.String", Snapshots.dump(String.class).text());
        assertEquals("null", Snapshots.dump(null).text());
    }

    @Test
    void aClockIsNotTrustedBecauseItMayWrapAUserClock() {
        java.time.Clock user = new java.time.Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.EPOCH;
            }

            @Override
            public String toString() {
                throw new IllegalStateException("user clock");
            }
        };
        String text = Snapshots.dump(java.time.Clock.offset(user, Duration.ofSeconds(1))).text();
        assertTrue(text.matches("java\\.time\\.Clock\\$OffsetClock@[0-9a-f]+ <toString\\(\\) threw java\\.lang\\.IllegalStateException>"), text);
    }

    @Test
    void limitsOutOfRangeAreRejectedNamingTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DumpLimits.DEFAULTS.withMaxDepth(-1));
        assertEquals("maxDepth must be from 0 to 64, was -1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DumpLimits.DEFAULTS.withCallTimeout(Duration.ZERO));
        assertEquals("callTimeout must be from 1 ms to 60 s, was PT0S", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> DumpLimits.DEFAULTS.withMaxTotalLength(10));
        assertTrue(e.getMessage().startsWith("maxTotalLength "), e.getMessage());
    }

    @Test
    void aNullLimitsMeansTheDefaults() {
        assertEquals(Snapshots.dump(List.of(1, 2)).text().replaceAll("@[0-9a-f]+", ""),
                Snapshots.dump(List.of(1, 2), null).text().replaceAll("@[0-9a-f]+", ""));
    }
}
