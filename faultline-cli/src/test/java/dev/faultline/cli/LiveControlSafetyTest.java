package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.faultline.fixtures.Cli;
import dev.faultline.fixtures.HostileMain;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.LiveMain;
import dev.faultline.fixtures.OtherUser;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Live control is safe for the target and for the operator: talking to a JVM opens no port in it
 * and starts nothing in it (nor in a JVM without Faultline); a stopped JVM costs a command its
 * timeout, not forever; and a hostile local user cannot make root's command connect to an
 * address of their choosing, follow a link to another user's socket, hang, fill its memory or
 * forge its output. The hostile cases run another user's JVM, so they need root.
 */
class LiveControlSafetyTest {
    static final Duration WAIT = Duration.ofSeconds(90);

    /** A running child JVM and what it printed. */
    static final class Child implements AutoCloseable {
        final Process process;
        final Jvm.Output out;
        final Jvm.Output err;

        Child(Process process) {
            this.process = process;
            this.out = new Jvm.Output(process.getInputStream());
            this.err = new Jvm.Output(process.getErrorStream());
        }

        String pid() {
            return String.valueOf(process.pid());
        }

        /** Ends it as a service is ended (SIGTERM), so that it removes its control socket; SIGKILL if it must. */
        @Override
        public void close() throws InterruptedException {
            signal("CONT", process.pid()); // a stopped child does not act on SIGTERM
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    static Child faultlineJvm(String... options) throws Exception {
        List<String> opts = new ArrayList<>(List.of("-Dfaultline.ring=0", "-Dfaultline.app=safety"));
        opts.addAll(List.of(options));
        Child c = new Child(Jvm.start(Jvm.testClassPath(), LiveMain.class.getName(), opts));
        c.out.await("ready ", WAIT);
        return c;
    }

    @Test
    void talkingToAJvmOpensNoPortAndAttachesNothing_andAJvmWithoutFaultlineIsLeftAlone() throws Exception {
        try (Child fl = faultlineJvm();
             Child plain = new Child(Jvm.start(Jvm.testClassPath(), LiveControlTest.IdleMain.class.getName(), List.of()))) {
            plain.out.await("idle", WAIT);
            Jvm.Result status = Cli.run("status", fl.pid());
            Jvm.Result sysctl = Cli.run("sysctl", fl.pid(), "warn_limit=7");
            Jvm.Result debug = Cli.run("debug", fl.pid(), "live.cache=warn");
            Jvm.Result ps = Cli.run("ps");
            Jvm.Result r = Cli.run("status", plain.pid());
            for (Child c : List.of(fl, plain)) {
                assertEquals(List.of(), listeningTcp(c.process.pid()), "listening TCP sockets of pid " + c.pid());
                assertFalse(threads(c.process.pid()).contains("Attach Listene"), "pid " + c.pid()
                        + " was attached to: " + threads(c.process.pid()));
                assertFalse(Files.exists(Path.of("/tmp/.java_pid" + c.pid())), "attach socket of pid " + c.pid());
            }
            for (Jvm.Result ok : List.of(status, sysctl, debug, ps)) {
                assertEquals(0, ok.exitCode, ok.toString());
            }
            assertEquals(4, r.exitCode, r.toString());
            assertTrue(r.stderr.contains("has no Faultline control socket")
                    && r.stderr.contains("Nothing was attached to it or started in it"), r.stderr);
            Path socket = TargetProcess.of(fl.process.pid()).orElseThrow().controlSocket();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket,
                    LinkOption.NOFOLLOW_LINKS)), "the control socket is its user's only");
        }
    }

    @Test
    void aStoppedJvmCostsEachCommandItsTimeoutAndIsNamed() throws Exception {
        try (Child fl = faultlineJvm()) {
            assertEquals(0, Cli.run("status", fl.pid()).exitCode, "answers while it runs");
            signal("STOP", fl.process.pid());
            long t0 = System.nanoTime();
            Jvm.Result first = Cli.run("status", fl.pid()); // the default timeout: 10 s
            long firstMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(6, first.exitCode, first.toString());
            assertTrue(first.stderr.contains("no answer on its control socket within 10 s"), first.stderr);
            assertTrue(firstMs < 60_000, "status took " + firstMs + " ms");
            for (List<String> cmd : List.of(List.of("status", fl.pid()), List.of("sysctl", fl.pid()),
                    List.of("sysctl", fl.pid(), "warn_limit=1"), List.of("debug", fl.pid(), "live.cache=warn"))) {
                List<String> args = new ArrayList<>(cmd);
                args.addAll(List.of("--timeout", "2"));
                t0 = System.nanoTime();
                Jvm.Result r = Cli.run(args.toArray(new String[0]));
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertEquals(6, r.exitCode, cmd + ": " + r);
                assertTrue(r.stderr.contains("faultline: pid " + fl.pid() + " (user ") && r.stderr.contains(
                        "no answer on its control socket within 2 s") && r.stderr.contains("stopped (SIGSTOP"), r.stderr);
                assertTrue(ms < 60_000, cmd + " took " + ms + " ms");
            }
            Jvm.Result ps = Cli.run("ps", "--timeout", "2");
            assertEquals(6, ps.exitCode, ps.toString());
            assertTrue(ps.stdout.contains("note: pid " + fl.pid() + " (user ") && ps.stdout.contains("no answer"),
                    ps.stdout);
            signal("CONT", fl.process.pid());
            assertEquals(0, Cli.run("status", fl.pid()).exitCode, "answers again once continued");
        }
    }

    @Test
    void aJvmThatIsPidOneInItsOwnPidNamespaceIsFoundAndControlled() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "unshare --pid needs root");
        List<String> cmd = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc", Jvm.javaBin(),
                "-Dfaultline.ring=0", "-Dfaultline.app=pid-one", "-cp", Jvm.testClassPath(), LiveMain.class.getName()));
        try (Child unshare = new Child(new ProcessBuilder(cmd).start())) {
            unshare.out.await("ready 1\n", WAIT); // pid 1 as it sees itself
            long pid = unshare.process.toHandle().children().findFirst().orElseThrow().pid();
            Jvm.Result r = Cli.run("status", String.valueOf(pid));
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.stdout.startsWith("pid " + pid + "  user root  app pid-one  run "), r.stdout);
            Jvm.Result ps = Cli.run("ps");
            assertTrue(ps.stdout.lines().anyMatch(l -> l.matches("\\s*" + pid + "  root\\s+pid-one\\s.*")), ps.stdout);
            Jvm.Result set = Cli.run("debug", String.valueOf(pid), "live.cache=warn");
            assertEquals(0, set.exitCode, set.toString());
            unshare.out.await("live.cache checked", WAIT);
        }
    }

    @Test
    void anAdvertisedJmxAddressIsNeverFollowed() throws Exception {
        assumeTrue(OtherUser.available(OtherUser.HOSTILE), "needs root and user " + OtherUser.HOSTILE);
        try (Child hostile = new Child(OtherUser.start(OtherUser.HOSTILE, HostileMain.class.getName(),
                List.of("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"), "advertise"))) {
            hostile.out.await("ready ", WAIT);
            List<Jvm.Result> results = new ArrayList<>();
            for (String cmd : List.of("status", "sysctl", "debug")) {
                results.add(cmd.equals("debug") ? Cli.run(cmd, hostile.pid(), "x=warn") : Cli.run(cmd, hostile.pid()));
            }
            Thread.sleep(500);
            assertFalse(hostile.out.text().contains("CONNECTED"), "root's command connected to the address the"
                    + " other user's JVM advertised:\n" + hostile.out.text() + results);
            for (Jvm.Result r : results) {
                assertEquals(4, r.exitCode, r.toString());
                assertTrue(r.stderr.contains("user " + OtherUser.HOSTILE + ") has no Faultline control socket"), r.stderr);
            }
            Jvm.Result ps = Cli.run("ps", "--all-users");
            assertEquals(0, ps.exitCode, ps.toString());
            Thread.sleep(500);
            assertFalse(hostile.out.text().contains("CONNECTED"), hostile.out.text());
        }
    }

    @Test
    void aLinkToAnotherUsersSocketIsNotFollowed() throws Exception {
        assumeTrue(OtherUser.available(OtherUser.HOSTILE), "needs root and user " + OtherUser.HOSTILE);
        try (Child rootJvm = faultlineJvm()) {
            Path rootSocket = TargetProcess.of(rootJvm.process.pid()).orElseThrow().controlSocket();
            try (Child hostile = new Child(OtherUser.start(OtherUser.HOSTILE, HostileMain.class.getName(), List.of(),
                    "symlink", Path.of("/tmp").resolve(rootSocket.getFileName()).toString()))) {
                hostile.out.await("ready ", WAIT);
                Jvm.Result r = Cli.run("sysctl", hostile.pid(), "warn_limit=3");
                assertEquals(5, r.exitCode, r.toString());
                assertTrue(r.stderr.contains("is a symbolic link, not the socket Faultline makes; not followed"),
                        r.stderr);
                // Had the link been swapped in after that look: the peer check refuses before a byte is sent.
                Unreachable u = assertThrows(Unreachable.class, () -> ControlClient.request(
                        TargetProcess.of(hostile.process.pid()).orElseThrow(), rootSocket, Duration.ofSeconds(10),
                        "setSysctl", "warn_limit", "3"));
                assertEquals(ExitCodes.REFUSED, u.exitCode());
                assertTrue(u.getMessage().contains(" is served by user root, not by the process's own user: it is not"
                        + " this process's control socket, and was not talked to"), u.getMessage());
                Jvm.Result ctl = Cli.run("sysctl", rootJvm.pid(), "warn_limit");
                assertTrue(ctl.stdout.contains("faultline.warn_limit = 0"), "root's JVM was changed through the link: " + ctl);
                assertFalse(rootJvm.err.text().contains("changed from"), rootJvm.err.text());
            }
        }
    }

    @Test
    void aHostileSocketCanNeitherHangNorFloodNorForgeTheOutput() throws Exception {
        assumeTrue(OtherUser.available(OtherUser.HOSTILE), "needs root and user " + OtherUser.HOSTILE);
        try (Child silent = hostileServer("silent"); Child huge = hostileServer("huge");
             Child forged = hostileServer("forged")) {
            long t0 = System.nanoTime();
            Jvm.Result r = Cli.run("status", silent.pid(), "--timeout", "2");
            assertEquals(6, r.exitCode, r.toString());
            assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0) < 60, "bounded by the timeout");

            r = Cli.run("status", huge.pid());
            assertEquals(5, r.exitCode, r.toString());
            assertTrue(r.stderr.contains("its answer is larger than 16 MiB; not read further"), r.stderr);

            r = Cli.run("status", forged.pid());
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.stdout.startsWith("pid " + forged.pid() + "  user " + OtherUser.HOSTILE + "  app "), r.stdout);
            assertFalse(r.stdout.contains("\u001b") || r.stdout.contains("\r"), "raw control characters: " + r.stdout);
            assertFalse(r.stdout.lines().anyMatch(l -> l.startsWith("faultline: pid 1")), "a forged line: " + r.stdout);
        }
    }

    @Test
    void rootListsOnlyItsOwnJvmsUnlessAskedAndSaysWhoseTheyAre() throws Exception {
        assumeTrue(OtherUser.available(OtherUser.HOSTILE), "needs root and user " + OtherUser.HOSTILE);
        try (Child theirs = new Child(OtherUser.start(OtherUser.HOSTILE, LiveMain.class.getName(),
                List.of("-Dfaultline.ring=0", "-Dfaultline.app=theirs")))) {
            theirs.out.await("ready ", WAIT);
            Jvm.Result mine = Cli.run("ps");
            assertEquals(0, mine.exitCode, mine.toString());
            assertFalse(mine.stdout.lines().anyMatch(l -> l.trim().startsWith(theirs.pid() + " ")), mine.stdout);
            assertTrue(mine.stdout.contains(" of other users not listed; --all-users lists them"), mine.stdout);
            Jvm.Result all = Cli.run("ps", "--all-users");
            assertTrue(all.stdout.lines().anyMatch(l -> l.matches("\\s*" + theirs.pid() + "  " + OtherUser.HOSTILE
                    + "\\s+theirs\\s+[0-9a-f]{16}\\s+W\\s+2\\s+0  -")), all.stdout);
            Jvm.Result sysctl = Cli.run("sysctl", theirs.pid(), "warn_limit");
            assertEquals(0, sysctl.exitCode, sysctl.toString());
            assertTrue(sysctl.stderr.contains("faultline: pid " + theirs.pid() + " is user " + OtherUser.HOSTILE + "'s JVM"),
                    sysctl.toString());
            Jvm.Result status = Cli.run("status", theirs.pid());
            assertTrue(status.stdout.startsWith("pid " + theirs.pid() + "  user " + OtherUser.HOSTILE + "  app theirs"),
                    status.toString());
        }
    }

    private static Child hostileServer(String how) throws Exception {
        Child c = new Child(OtherUser.start(OtherUser.HOSTILE, HostileMain.class.getName(), List.of(), "serve", how));
        c.out.await("ready ", WAIT);
        return c;
    }

    static void signal(String signal, long pid) {
        try {
            new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start().waitFor();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The listening TCP sockets that process {@code pid} holds: the socket inodes among its open
     * files, found in state LISTEN (0A) in its network namespace's {@code /proc/<pid>/net/tcp}
     * and {@code tcp6}, as {@code address:port} (hex, as the kernel writes them).
     */
    static List<String> listeningTcp(long pid) throws IOException {
        Set<String> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException ignored) {
                    // closed meanwhile
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            List<String> lines = Files.readAllLines(Path.of("/proc", String.valueOf(pid), "net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    out.add(table + " " + f[1]);
                }
            }
        }
        return out;
    }

    /** The names of the threads of {@code pid}, as the kernel keeps them (cut to 15 characters). */
    static Set<String> threads(long pid) throws IOException {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path t : tasks) {
                try {
                    names.add(Files.readString(t.resolve("comm")).strip());
                } catch (IOException ignored) {
                    // ended meanwhile
                }
            }
        }
        return names;
    }
}
