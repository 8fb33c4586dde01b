package dev.faultline.internal.ring;

import static dev.faultline.internal.ring.ServiceUserTest.mode;
import static dev.faultline.internal.ring.ServiceUserTest.owner;
import static dev.faultline.internal.ring.ServiceUserTest.ownDirectory;
import static dev.faultline.internal.ring.ServiceUserTest.readyRing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.Launch;
import dev.faultline.fixtures.RingChildMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Faultline changes nothing it did not create: an existing crash directory keeps its mode; one
 * that anyone could empty is refused; in a shared sticky directory a hostile neighbour's files,
 * links and FIFOs under ring names are never followed, opened, moved or removed. Each as this
 * test's user (root in CI's root pass) and as the unprivileged service user.
 */
class SharedDirectoryTest {
    static final Duration TIMEOUT = Duration.ofSeconds(90);

    @Test
    void anExistingDirectoryKeepsItsModeAsThisUser() throws Exception {
        existingDirectoriesKeepTheirMode(Launch.DIRECT);
    }

    @Test
    void anExistingDirectoryKeepsItsModeAsTheServiceUser() throws Exception {
        existingDirectoriesKeepTheirMode(Launch.unprivileged());
    }

    private static void existingDirectoriesKeepTheirMode(Launch who) throws Exception {
        for (String m : List.of("755", "750", "1777")) {
            Path dir = ownDirectory(who, "mode" + m + "-", m);
            Jvm.Result r = Jvm.run(who, RingChildMain.class, List.of("-Dfaultline.dir=" + dir), TIMEOUT, "exit");
            assertEquals(0, r.exitCode, r.toString());
            assertEquals(dir, readyRing(r).getParent(), "mode " + m + ": " + r);
            assertEquals(m, mode(dir), "the mode of an existing directory is never changed");
            assertEquals("600", mode(readyRing(r)));
        }
        // Anyone may write and no sticky bit: anyone could remove or replace the evidence. Refused, untouched.
        Path open = ownDirectory(who, "mode777-", "777");
        Jvm.Result r = Jvm.run(who, RingChildMain.class, List.of("-Dfaultline.dir=" + open), TIMEOUT, "exit");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.startsWith("ready null"), r.toString());
        assertTrue(r.stderr.contains("(refusing crash directory " + open + ": anyone can write to it and it has no sticky"
                + " bit, so any local user could delete or replace the evidence in it;"), r.stderr);
        assertEquals("777", mode(open));
        try (Stream<Path> s = Files.list(open)) {
            assertEquals(0, s.count(), "nothing written");
        }
        System.out.println("existing directories keep their mode (" + who + ")");
    }

    @Test
    void anotherUsersDirectoryIsRefusedAndLeftAsItIs() throws Exception {
        Launch neighbour = Launch.neighbour();
        Launch svc = Launch.unprivileged();
        Path theirs = ownDirectory(neighbour, "theirs", "1777");
        Jvm.Result r = Jvm.run(svc, RingChildMain.class, List.of("-Dfaultline.dir=" + theirs), TIMEOUT, "exit");
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.startsWith("ready null"), r.toString());
        assertTrue(r.stderr.contains("(refusing crash directory " + theirs + ": it belongs to uid "), r.stderr);
        assertTrue(r.stderr.contains("(" + neighbour.user() + "), not to this process's user (uid "), r.stderr);
        assertEquals("1777", mode(theirs));
        try (Stream<Path> s = Files.list(theirs)) {
            assertEquals(0, s.count(), "nothing written");
        }
    }

    @Test
    void aNeighboursPlantedFilesAreLeftAloneInASharedStickyDirectoryOfThisUser() throws Exception {
        plantedFilesAreLeftAlone(Launch.DIRECT);
    }

    @Test
    void aNeighboursPlantedFilesAreLeftAloneInASharedStickyDirectoryOfTheServiceUser() throws Exception {
        plantedFilesAreLeftAlone(Launch.unprivileged());
    }

    /**
     * {@code victim} owns a shared 1777 directory; the neighbour plants rings of the same application (a dead one and a clean one, writable by anyone), a
     * link to the victim's private file under a ring name and a claimed-ring name, and a FIFO
     * named like a ring. A run of the victim starts and is killed; the next start archives that
     * run only, and comes up; neither start touched what the neighbour planted.
     */
    private static void plantedFilesAreLeftAlone(Launch victim) throws Exception {
        Launch neighbour = Launch.neighbour();
        String app = "shared-app";
        Path shared = ownDirectory(victim, "shared", "1777");
        List<String> opts = List.of("-Dfaultline.dir=" + shared, "-Dfaultline.app=" + app);

        Path stage = ownDirectory(Launch.DIRECT, "stage", "755");
        RingWriter dead = RingWriter.inMemory(64 * 1024, 999_001, 1_700_000_000_000L, "feedfacefeedface", app);
        dead.append(Level.INFO, "neighbour", "a dead run planted by the neighbour");
        Files.write(stage.resolve("dead.ring"), dead.snapshot());
        RingWriter clean = RingWriter.inMemory(64 * 1024, 999_002, 1_700_000_000_000L, "cafecafecafecafe", app);
        clean.markClean(1_700_000_000_001L);
        Files.write(stage.resolve("clean.ring"), clean.snapshot());
        ServiceUserTest.chmod("644", stage.resolve("dead.ring"));
        ServiceUserTest.chmod("644", stage.resolve("clean.ring"));
        Path secret = ownDirectory(victim, "private", "700").resolve("secret");
        Files.writeString(secret, "the victim's secret");
        victim.own(secret);
        ServiceUserTest.chmod("600", secret);

        neighbour.sh("cp \"$1/dead.ring\" \"$2/999001-feedfacefeedface.ring\""
                + " && cp \"$1/clean.ring\" \"$2/999002-cafecafecafecafe.ring\""
                + " && chmod 666 \"$2\"/*feedface.ring \"$2\"/*cafecafe.ring"
                + " && ln -s \"$3\" \"$2/link.ring\""
                + " && ln -s \"$3\" \"$2/999003-0000000000000003.ring.recovering-0000000000000004\""
                + " && mkfifo -m 666 \"$2/fifo.ring\"", stage.toString(), shared.toString(), secret.toString());
        Map<String, String> planted = entries(shared, neighbour.user());
        assertEquals(5, planted.size(), planted.toString());

        Process killed = Jvm.start(victim, RingChildMain.class, opts, "sleep");
        String ready;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(killed.getInputStream(), StandardCharsets.UTF_8))) {
            ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("ready " + shared + "/"), String.valueOf(ready));
            new ProcessBuilder("kill", "-9", Long.toString(killed.pid())).start().waitFor();
            assertTrue(killed.waitFor(60, TimeUnit.SECONDS));
        }
        String victimRun = RecoveryEndToEndTest.runIdOf(ready);

        Jvm.Result next = Jvm.run(victim, RingChildMain.class, opts, TIMEOUT, "exit");
        assertEquals(0, next.exitCode, next.toString());

        assertEquals(planted, entries(shared, neighbour.user()), "every planted entry is still there, unchanged:\n" + next);
        assertEquals("the victim's secret", Files.readString(secret));
        List<String> recovered = RecoveryEndToEndTest.recoveredLines(next.stderr);
        assertEquals(1, recovered.size(), next.toString());
        assertTrue(recovered.get(0).contains("run " + victimRun + " "), recovered.get(0));
        try (Stream<Path> s = Files.list(shared.resolve(Recovery.ARCHIVE))) {
            assertEquals(1, s.count(), "only the victim's own run is archived");
        }
        assertTrue(next.stderr.contains("faultline: left alone 5 files in " + shared + " named like crash rings:"
                + " 999001-feedfacefeedface.ring (another user's file), 999002-cafecafecafecafe.ring (another user's"
                + " file), 999003-0000000000000003.ring.recovering-0000000000000004 (a symbolic link) and 2 more"),
                next.stderr);
        assertEquals("1777", mode(shared), "the shared directory keeps its mode");
        assertEquals(ServiceUserTest.userOf(victim), owner(readyRing(next)));
        System.out.println("planted entries left alone (" + victim + ", neighbour " + neighbour.user() + ")");
    }

    /** Each entry of {@code dir} owned by {@code user}: name to type, owner, size, link target or bytes. */
    static Map<String, String> entries(Path dir, String user) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                if (!owner(p).equals(user)) {
                    continue;
                }
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                String what = a.isSymbolicLink() ? "link to " + Files.readSymbolicLink(p)
                        : a.isRegularFile() ? "file " + mode(p) + " " + java.util.Arrays.hashCode(Files.readAllBytes(p))
                        : a.isOther() ? "other " + mode(p) : "directory";
                out.put(p.getFileName().toString(), owner(p) + " " + what);
            }
        }
        return out;
    }
}
