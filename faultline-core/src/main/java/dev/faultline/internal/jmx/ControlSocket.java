package dev.faultline.internal.jmx;

import dev.faultline.jmx.ChangeOrigin;

import dev.faultline.internal.console.Console;
import dev.faultline.internal.text.Escape;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local control socket that {@code faultline ps}, {@code status}, {@code sysctl} and
 * {@code debug} talk to: a Unix-domain socket, so no TCP port is opened, at
 * {@code /tmp/.faultline-<pid>-<start>} ({@link #path}), a name the command works out from the
 * pid alone instead of an address the process advertises.
 *
 * <p>Only this process's own user and root may use it: the socket file is owner-only (read and
 * write) from the moment it has its name ({@link #open}), and every connection's peer credentials
 * ({@code SO_PEERCRED}) are checked before a byte is read; a runtime without the {@code jdk.net}
 * module, which gives them, opens no socket. Requests are lines of text ({@link ControlRequests}),
 * one per connection, each read and answered within {@value #IO_MILLIS} ms and at most
 * {@value #MAX_REQUEST} bytes, on one daemon thread: a client that stalls costs it that long,
 * and never the application anything.
 *
 * <p>A file already at the path (another user's, or anything Faultline did not bind) is left
 * alone; the socket is then not opened, and one line says so. The socket file is removed at a
 * normal exit; a process killed or halted leaves it behind, and as its name holds the process's
 * start time, no later process takes it for its own.
 */
final class ControlSocket {
    /** Where sockets are made: the same directory as the JDK's attach socket, whatever java.io.tmpdir says. */
    static final Path DIRECTORY = Path.of("/tmp");
    /** Longest a request may take to arrive, and its answer to leave. */
    static final int IO_MILLIS = 5000;
    /** Largest request accepted (a debug spec of a thousand entries fits many times over). */
    static final int MAX_REQUEST = 1 << 20;

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    private final ServerSocketChannel server;
    private final UserPrincipal owner;
    private final UserPrincipal root;

    private ControlSocket(ServerSocketChannel server, UserPrincipal owner, UserPrincipal root) {
        this.server = server;
        this.owner = owner;
        this.root = root;
    }

    /**
     * The control socket of the process {@code pid} (as its own PID namespace numbers it) that
     * started at {@code startTicks} (field 22 of {@code /proc/<pid>/stat}; negative where there
     * is no {@code /proc}).
     */
    static Path path(long pid, long startTicks) {
        return DIRECTORY.resolve(".faultline-" + pid + (startTicks < 0 ? "" : "-" + startTicks));
    }

    /** This process's start time in clock ticks after boot, from {@code /proc/self/stat}; -1 without it. */
    static long startTicks() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"), StandardCharsets.US_ASCII);
            // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
            return Long.parseLong(f[19]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Binds the socket and serves requests on the calling thread until the JVM ends. Returns at
     * once, after one console line, when it cannot be opened; never throws.
     */
    static void serve() {
        if (System.getProperty("os.name", "").startsWith("Windows") || !Files.isDirectory(DIRECTORY)) {
            return; // no /tmp: no control socket, as there is no attach socket either
        }
        ControlSocket socket = open(path(ProcessHandle.current().pid(), startTicks()));
        if (socket != null) {
            socket.acceptLoop();
        }
    }

    /**
     * Binds a control socket at {@code path}; null, after one console line, when it cannot. The
     * socket is bound under a temporary name beside {@code path}, made owner-only, and only then
     * linked to {@code path}, so that it never is there with looser permissions; a link fails
     * where a file is already in the way, which is then left alone.
     */
    static ControlSocket open(Path path) {
        try {
            PeerCredentials.check(); // fails without the jdk.net module
        } catch (Throwable e) {
            Console.line("faultline: no control socket: this runtime cannot tell who connects (" + Escape.text(
                    String.valueOf(e)) + "); faultline status, sysctl and debug cannot reach this process");
            return null;
        }
        Path bound = path.resolveSibling(path.getFileName() + ".tmp-" + Long.toHexString(RANDOM.nextLong()));
        ServerSocketChannel server = null;
        boolean made = false;
        boolean linked = false;
        // The temporary name is to go at a normal exit, asked before it exists (it is random: nobody
        // else's file): a JVM already exiting (a short program) refuses, and then gets no socket,
        // no word about it, and nothing left behind.
        if (!removeAtExit(bound)) {
            return null;
        }
        try {
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(bound));
            made = true;
            // Bound by us just now: ours to restrict. The peer check does not depend on it.
            Files.setPosixFilePermissions(bound, PosixFilePermissions.fromString("rw-------"));
            Files.createLink(path, bound);
            linked = true;
            // Only now, when it is ours: a file in the way above is somebody else's, and stays.
            if (!removeAtExit(path)) {
                close(server);
                deleteQuietly(path);
                return null;
            }
            UserPrincipal owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS);
            UserPrincipal root = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("0");
            return new ControlSocket(server, owner, root);
        } catch (IOException | RuntimeException e) {
            close(server);
            if (made && !linked && e instanceof NoSuchFileException && !Files.exists(bound, LinkOption.NOFOLLOW_LINKS)) {
                // Our temporary name vanished between bind and link: only the exit's removal of it
                // does that (in a sticky /tmp nobody else may), so this JVM is exiting, and a
                // short program gets no socket and no word about it, as above.
                return null;
            }
            if (linked) {
                deleteQuietly(path); // the link made a moment ago
            }
            Console.line("faultline: no control socket at " + Escape.text(path.toString()) + " (" + Escape.text(
                    String.valueOf(e)) + (!linked && Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? "; a file Faultline did"
                    + " not make is in the way, and is left alone" : "") + "); faultline status, sysctl and debug cannot"
                    + " reach this process");
            return null;
        } finally {
            if (made) {
                deleteQuietly(bound); // the temporary name only; the socket lives on under path
            }
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException | RuntimeException e) {
                if (!server.isOpen()) {
                    return;
                }
                pause();
                continue;
            }
            try {
                serveOne(client);
            } catch (Throwable e) {
                // One bad client never ends the loop; it only loses its answer.
            } finally {
                close(client);
            }
        }
    }

    private void serveOne(SocketChannel client) throws IOException {
        UserPrincipal peer = PeerCredentials.of(client);
        if (peer == null || !(peer.equals(owner) || peer.equals(root))) {
            return; // not this process's user, nor root: no answer at all
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IO_MILLIS);
        client.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            List<String> request = readRequest(client, selector, deadline);
            if (request == null) {
                return;
            }
            String[] head = request.get(0).split(" ");
            // The peer's user, as the kernel names it (SO_PEERCRED), is the request's principal.
            String channel = ChangeOrigin.of("cli").as(peer.getName()).toString();
            List<String> args = new ArrayList<>();
            for (String a : request.subList(1, request.size())) {
                args.add(ControlRequests.unescape(a));
            }
            List<String> answer = ControlRequests.answer(head[2], args, channel);
            StringBuilder b = new StringBuilder();
            for (String line : answer) {
                b.append(line).append('\n');
            }
            write(client, selector, ByteBuffer.wrap(b.toString().getBytes(StandardCharsets.UTF_8)),
                    System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(IO_MILLIS));
        }
    }

    /**
     * The request's lines (its head first), or null when it is malformed, too large, or not
     * complete by {@code deadline}.
     */
    private static List<String> readRequest(SocketChannel client, Selector selector, long deadline) throws IOException {
        client.register(selector, SelectionKey.OP_READ);
        ByteBuffer buf = ByteBuffer.allocate(8192);
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        int expected = -1; // lines the request has, once its head has arrived
        while (true) {
            List<String> lines = lines(got.toByteArray());
            if (expected < 0 && !lines.isEmpty()) {
                String[] head = lines.get(0).split(" ");
                if (head.length != 4 || !(head[0] + " " + head[1]).equals(ControlRequests.MAGIC)) {
                    return null;
                }
                int argc;
                try {
                    argc = Integer.parseInt(head[3]);
                } catch (NumberFormatException e) {
                    return null;
                }
                if (argc < 0 || argc > ControlRequests.MAX_ARGS) {
                    return null;
                }
                expected = 1 + argc;
            }
            if (expected >= 0 && lines.size() >= expected) {
                return lines.subList(0, expected);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || got.size() > MAX_REQUEST) {
                return null;
            }
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            selector.selectedKeys().clear();
            buf.clear();
            int n = client.read(buf);
            if (n < 0) {
                return null;
            }
            got.write(buf.array(), 0, n);
        }
    }

    /** The complete lines in {@code bytes} (a last line without its line feed is not one yet). */
    private static List<String> lines(byte[] bytes) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                out.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }

    private static void write(SocketChannel client, Selector selector, ByteBuffer data, long deadline) throws IOException {
        SelectionKey key = client.keyFor(selector);
        key.interestOps(SelectionKey.OP_WRITE);
        while (data.hasRemaining()) {
            client.write(data);
            long left = deadline - System.nanoTime();
            if (!data.hasRemaining() || left <= 0) {
                return;
            }
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            selector.selectedKeys().clear();
        }
    }

    /** Has {@code p} removed at a normal exit; false when the JVM is exiting already. */
    private static boolean removeAtExit(Path p) {
        try {
            p.toFile().deleteOnExit();
            return true;
        } catch (IllegalStateException shutdownInProgress) {
            return false;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException | RuntimeException ignored) {
            // Left behind: it answers nobody, and its name is never reused.
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(java.nio.channels.Channel c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Nothing more to do with it.
            }
        }
    }
}
