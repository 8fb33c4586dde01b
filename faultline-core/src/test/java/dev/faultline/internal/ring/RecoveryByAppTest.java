package dev.faultline.internal.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.ring.RecoveredRun;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start takes only its own application's rings from a crash directory shared by several
 * applications; the operator's recovery (no application named) takes the rest.
 */
class RecoveryByAppTest {
    @TempDir
    Path dir;

    private void deadRing(String name, long pid, String runId, String app) throws Exception {
        deadRing(name, pid, runId, app, 1_700_000_000_000L);
    }

    private void deadRing(String name, long pid, String runId, String app, long start) throws Exception {
        RingWriter w = RingWriter.inMemory(64 * 1024, pid, start, runId, app);
        w.append(System.Logger.Level.INFO, "app", "last words of " + name);
        Files.write(dir.resolve(name + Recovery.RING_SUFFIX), w.snapshot());
    }

    @Test
    void aStartLeavesAnotherApplicationsRingsAloneAndTheOperatorTakesThem() throws Exception {
        long dead = Long.MAX_VALUE / 2; // no such process
        deadRing("billing", dead, "00000000000b1111", "billing");
        deadRing("search", dead - 1, "00000000005e0001", "search");
        deadRing("old", dead - 2, "000000000001d001", ""); // written before rings named their application

        List<String> lines = new ArrayList<>();
        Recovery billing = new Recovery(dir, 10, 1, "ffffffffffffffff", "billing", lines::add);
        billing.run();
        assertEquals(1, billing.recovered().size(), lines.toString());
        RecoveredRun run = billing.recovered().get(0);
        assertEquals("billing", run.app());
        assertTrue(run.archive().getFileName().toString().matches("\\d{8}T\\d{6}Z-billing-" + dead + "-00000000000b1111"),
                run.archive().toString());
        assertTrue(lines.get(0).contains("of run 00000000000b1111 (app billing, pid " + dead + ","), lines.get(0));
        assertEquals(List.of("old.ring", "search.ring"), ringsLeft());

        Recovery operator = new Recovery(dir, 10, 1, "ffffffffffffffff", null, lines::add);
        operator.run();
        assertEquals(List.of("", "search"),
                operator.recovered().stream().map(RecoveredRun::app).sorted().collect(Collectors.toList()));
        assertEquals(List.of(), ringsLeft());
    }

    @Test
    void theArchiveFolderSpellsTheApplicationAsItIsNamed() throws Exception {
        deadRing("newcomer", Long.MAX_VALUE / 2, "00000000000b2222", "boot-newcomer");
        Recovery r = new Recovery(dir, 10, 1, "ffffffffffffffff", "boot-newcomer", line -> { });
        r.run();
        String folder = r.recovered().get(0).archive().getFileName().toString();
        assertTrue(folder.matches("\\d{8}T\\d{6}Z-boot-newcomer-" + Long.MAX_VALUE / 2 + "-00000000000b2222"), folder);
    }

    @Test
    void theArchivedRingStillNamesItsApplication() throws Exception {
        deadRing("billing", Long.MAX_VALUE / 2, "00000000000b1111", "billing");
        Recovery r = new Recovery(dir, 10, 1, "ffffffffffffffff", "billing", line -> { });
        r.run();
        RingScan scan = RingReader.read(r.recovered().get(0).archive().resolve("ring.bin"));
        assertEquals("billing", scan.app());
        assertTrue(scan.summary().contains(": app billing run 00000000000b1111 pid "), scan.summary());
    }

    @Test
    void pruningCountsAndRemovesOnlyThisApplicationsArchives() throws Exception {
        long dead = Long.MAX_VALUE / 2;
        // search crashed long ago; its archive is the oldest in the shared directory.
        deadRing("search", dead, "00000000005e0001", "search", 1_600_000_000_000L);
        new Recovery(dir, 10, 1, "ffffffffffffffff", "search", line -> { }).run();
        // billing crashed three times since, and keeps one archive.
        for (int i = 1; i <= 3; i++) {
            deadRing("billing-" + i, dead - i, "00000000000b000" + i, "billing", 1_700_000_000_000L + i * 1000L);
        }
        List<String> lines = new ArrayList<>();
        Recovery billing = new Recovery(dir, 1, 1, "ffffffffffffffff", "billing", lines::add);
        billing.run();
        assertEquals(3, billing.recovered().size(), lines.toString());
        List<String> archives = archives();
        assertEquals(2, archives.size(), archives.toString());
        assertTrue(archives.get(0).endsWith("-search-" + dead + "-00000000005e0001"), "another application's archive"
                + " is never pruned: " + archives);
        assertTrue(archives.get(1).endsWith("-billing-" + (dead - 3) + "-00000000000b0003"), archives.toString());
    }

    private List<String> archives() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve(Recovery.ARCHIVE))) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private List<String> ringsLeft() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(Recovery.RING_SUFFIX)).sorted()
                    .collect(Collectors.toList());
        }
    }
}
