package dev.faultline.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.faultline.fixtures.ControlChildMain;
import dev.faultline.fixtures.Jvm;
import dev.faultline.fixtures.RawControlClient;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The control socket of a real Faultline JVM: owner-only, named after the process's pid and
 * start time, answering its own user in plain text through the MBean's implementation, and
 * nobody else — not even where the file's mode would let them in. Where it cannot be opened, one
 * line says why and nothing in the way is touched.
 */
class ControlSocketTest {
    static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void aFaultlineJvmAnswersItsOwnUserOnAnOwnerOnlySocket() throws Exception {
        Process child = start(List.of());
        try {
            Path socket = socketOf(child);
            await(child, "ready");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket,
                    LinkOption.NOFOLLOW_LINKS)));
            assertEquals(System.getProperty("user.name"), Files.getOwner(socket, LinkOption.NOFOLLOW_LINKS).getName());
            assertEquals("answer: ok 1\n" + child.pid() + "\n",
                    RawControlClient.ask(socket, "faultline-control 1 get 1\nPid\n"));
            String me = System.getProperty("user.name");
            assertEquals("answer: ok 1\nfaultline: faultline.warn_limit changed from 0 to 4 (via cli as " + me + ")\n",
                    RawControlClient.ask(socket, "faultline-control 1 setSysctl 2\nwarn_limit\n4\n"));
            assertEquals("answer: refused invalid value 'x' for faultline.oops_limit: expected an integer from 0 to"
                    + " 2147483647\n", RawControlClient.ask(socket, "faultline-control 1 setSysctl 2\noops_limit\nx\n"));
            String spec = RawControlClient.ask(socket, "faultline-control 1 applyDebugSpec 1\nnet=warn,a\\\\b=on\n");
            assertTrue(spec.startsWith("answer: ok 1\nentry 2 'a\\\\b=on' at column 10: bad domain name"), spec);
            assertEquals("answer: ", RawControlClient.ask(socket, "GET / HTTP/1.0\n\n"), "no answer to a stranger");
            assertEquals("answer: ", RawControlClient.ask(socket, "faultline-control 1 get 999\n"), "too many arguments");
        } finally {
            stop(child);
        }
    }

    @Test
    void anotherUserGetsNoAnswerEvenWhereTheFileWouldLetThemIn() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && userExists("fl-other"), "needs root and fl-other");
        Process child = start(List.of());
        try {
            Path socket = socketOf(child);
            await(child, "ready");
            // The test opens the door the mode keeps shut, to see the peer check alone refuse.
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
            Process other = new ProcessBuilder("setpriv", "--reuid=fl-other", "--regid=fl-other", "--init-groups", "--",
                    Jvm.javaBin(), "-cp", Path.of("target", "test-classes").toAbsolutePath().toString(),
                    RawControlClient.class.getName(), socket.toString(), "faultline-control 1 get 1\\nPid\\n")
                    .directory(Path.of("/tmp").toFile()).redirectErrorStream(true).start();
            assertTrue(other.waitFor(60, TimeUnit.SECONDS));
            String said = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            // It got in (the mode let it), and was closed on unanswered: nothing, a reset for the unread
            // request, or (when the process closed it before the request was written, as on a loaded
            // machine) a broken pipe on writing it.
            assertTrue(said.equals("answer: \n") || said.equals("failed: java.net.SocketException: Connection reset\n")
                    || said.equals("failed: java.io.IOException: Broken pipe\n"),
                    "fl-other was answered: " + said);
        } finally {
            stop(child);
        }
    }

    @Test
    void aRuntimeThatCannotTellWhoConnectsOpensNoSocketAndSaysSo() throws Exception {
        Process child = start(List.of("--limit-modules", "java.base,java.management"));
        try {
            Path socket = socketOf(child);
            await(child, "no socket");
            assertFalse(Files.exists(socket, LinkOption.NOFOLLOW_LINKS));
        } finally {
            String err = stop(child);
            assertEquals(1, err.lines().filter(l -> l.contains("control socket")).count(), err);
            assertTrue(err.contains("faultline: no control socket: this runtime cannot tell who connects"), err);
        }
    }

    @Test
    void aFileInTheWayIsLeftAloneAndNamed() throws Exception {
        Path inTheWay = Files.createTempFile(Path.of("/tmp"), ".faultline-test-", "");
        Files.writeString(inTheWay, "not Faultline's");
        try {
            // In a JVM of its own, to see the file still there after that JVM's exit too.
            Jvm.Result r = Jvm.run(InTheWayMain.class, List.of("-Dfaultline.ring=0", "-Dfaultline.control=0"), WAIT,
                    inTheWay.toString());
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.stdout.contains("opened: false"), r.toString());
            assertTrue(r.stderr.contains("faultline: no control socket at " + inTheWay)
                    && r.stderr.contains("a file Faultline did not make is in the way, and is left alone"), r.toString());
            assertEquals("not Faultline's", Files.readString(inTheWay));
        } finally {
            Files.delete(inTheWay);
        }
    }

    /** Tries to open a control socket where a file already is, then exits normally. */
    public static final class InTheWayMain {
        public static void main(String[] args) {
            System.out.println("opened: " + (ControlSocket.open(Path.of(args[0])) != null));
        }
    }

    private static Process start(List<String> options) throws Exception {
        List<String> opts = new ArrayList<>(options);
        opts.add("-Dfaultline.ring=0");
        // The socket's name holds the child's start time, known once it runs: a shell works it out for
        // itself, then becomes the child (exec keeps the pid and the start time).
        StringBuilder cmd = new StringBuilder("exec '" + Jvm.javaBin() + "'");
        for (String o : opts) {
            cmd.append(" '").append(o).append("'");
        }
        cmd.append(" -cp '").append(Jvm.classPath()).append("' ").append(ControlChildMain.class.getName())
                .append(" \"/tmp/.faultline-$$-$(cut -d' ' -f22 /proc/$$/stat)\"");
        return new ProcessBuilder("sh", "-c", cmd.toString()).start();
    }

    private static Path socketOf(Process child) throws Exception {
        String stat = Files.readString(Path.of("/proc", String.valueOf(child.pid()), "stat"));
        long start = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ")[19]);
        return ControlSocket.path(child.pid(), start);
    }

    private static void await(Process child, String line) throws Exception {
        Jvm.Output out = new Jvm.Output(child.getInputStream());
        out.await(line + "\n", WAIT);
    }

    /** Closes the child's stdin (it exits normally, removing its socket) and returns what it printed on stderr. */
    private static String stop(Process child) throws Exception {
        try (OutputStream in = child.getOutputStream()) {
            // closing ends it
        }
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
        }
        return new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static boolean userExists(String user) throws Exception {
        return new ProcessBuilder("id", "-u", user).start().waitFor() == 0;
    }
}
