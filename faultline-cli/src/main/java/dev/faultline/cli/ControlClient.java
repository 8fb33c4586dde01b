package dev.faultline.cli;

import dev.faultline.Faultline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * One request to a Faultline JVM's control socket and its answer, in the text protocol the
 * socket speaks (Faultline core's {@code ControlRequests}): no object is deserialized, every
 * wait has the deadline given, and an answer larger than {@value #MAX_ANSWER} bytes is not read.
 *
 * <p>Before a byte is sent, the peer's credentials ({@code SO_PEERCRED}) must name the target
 * process's own user: a socket file that another user's process serves — a planted symbolic
 * link to root's own socket, say — is refused, so that root's command is never made to talk to
 * anything but the process it was pointed at.
 */
final class ControlClient {
    /** Largest answer read (thousands of sites fit many times over). */
    static final int MAX_ANSWER = 16 << 20;
    private static final String MAGIC = "faultline-control 1";

    private ControlClient() {}

    /**
     * Sends {@code op(args)} to the control socket {@code socket} of {@code target} and returns
     * the values of an {@code ok} answer.
     *
     * @throws IllegalArgumentException the target refused a key or value (its message); nothing changed
     * @throws Unreachable the socket could not be reached, is served by another user, answered
     *         an error or nonsense, or did not answer within {@code timeout}
     */
    static List<String> request(TargetProcess target, Path socket, Duration timeout, String op, String... args)
            throws Unreachable {
        long deadline = System.nanoTime() + timeout.toNanos();
        String who = "pid " + target.pid + " (user " + Faultline.escape(target.user) + ")";
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
             Selector selector = Selector.open()) {
            ch.configureBlocking(false);
            connect(ch, selector, socket, deadline, who, timeout);
            checkPeer(ch, target, socket, who);
            StringBuilder req = new StringBuilder(MAGIC).append(' ').append(op).append(' ').append(args.length).append('\n');
            for (String a : args) {
                req.append(escape(a)).append('\n');
            }
            write(ch, selector, ByteBuffer.wrap(req.toString().getBytes(StandardCharsets.UTF_8)), deadline, who, timeout);
            return parse(read(ch, selector, deadline, who, timeout), who);
        } catch (AccessDeniedException e) {
            throw new Unreachable(ExitCodes.REFUSED, who + ": permission denied on its control socket "
                    + Faultline.escape(socket.toString()) + "; run faultline as that user or as root");
        } catch (IOException e) {
            throw new Unreachable(ExitCodes.REFUSED, who + ": its control socket " + Faultline.escape(socket.toString())
                    + " does not answer (" + Faultline.escape(String.valueOf(e.getMessage())) + ")");
        }
    }

    private static void connect(SocketChannel ch, Selector selector, Path socket, long deadline, String who,
            Duration timeout) throws IOException, Unreachable {
        while (true) {
            try {
                if (ch.connect(UnixDomainSocketAddress.of(socket))) {
                    return;
                }
                ch.register(selector, SelectionKey.OP_CONNECT);
                while (!ch.finishConnect()) {
                    await(selector, deadline, who, timeout, "connecting");
                }
                return;
            } catch (IOException e) {
                // A full backlog (a stopped process accepts nobody) says "try again": until the deadline.
                String m = String.valueOf(e.getMessage());
                if (!m.contains("temporarily unavailable") || System.nanoTime() - deadline >= 0) {
                    if (m.contains("temporarily unavailable")) {
                        throw timedOut(who, timeout, "connecting");
                    }
                    if (m.contains("Permission denied")) {
                        throw new AccessDeniedException(socket.toString());
                    }
                    throw e;
                }
                sleep();
            }
        }
    }

    /** The server's user must be the target's: anything else is not the target's own socket. */
    private static void checkPeer(SocketChannel ch, TargetProcess target, Path socket, String who)
            throws IOException, Unreachable {
        UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
        UserPrincipal expected = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(
                target.uid >= 0 ? String.valueOf(target.uid) : target.user);
        if (peer == null || !peer.user().equals(expected)) {
            throw new Unreachable(ExitCodes.REFUSED, who + ": the socket at " + Faultline.escape(socket.toString())
                    + " is served by user " + (peer == null ? "?" : Faultline.escape(peer.user().getName()))
                    + ", not by the process's own user: it is not this process's control socket, and was not talked to");
        }
    }

    private static void write(SocketChannel ch, Selector selector, ByteBuffer data, long deadline, String who,
            Duration timeout) throws IOException, Unreachable {
        SelectionKey key = ch.keyFor(selector);
        if (key == null) {
            key = ch.register(selector, SelectionKey.OP_WRITE);
        }
        key.interestOps(SelectionKey.OP_WRITE);
        while (true) {
            ch.write(data);
            if (!data.hasRemaining()) {
                return;
            }
            await(selector, deadline, who, timeout, "sending the request");
        }
    }

    private static byte[] read(SocketChannel ch, Selector selector, long deadline, String who, Duration timeout)
            throws IOException, Unreachable {
        ch.keyFor(selector).interestOps(SelectionKey.OP_READ);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        while (true) {
            buf.clear();
            int n = ch.read(buf);
            if (n < 0) {
                return got.toByteArray();
            }
            if (n == 0) {
                await(selector, deadline, who, timeout, "waiting for its answer");
                continue;
            }
            if (got.size() + n > MAX_ANSWER) {
                throw new Unreachable(ExitCodes.REFUSED, who + ": its answer is larger than " + (MAX_ANSWER >> 20)
                        + " MiB; not read further");
            }
            got.write(buf.array(), 0, n);
        }
    }

    private static void await(Selector selector, long deadline, String who, Duration timeout, String doing)
            throws IOException, Unreachable {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timedOut(who, timeout, doing);
        }
        selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        selector.selectedKeys().clear();
    }

    static Unreachable timedOut(String who, Duration timeout, String doing) {
        return new Unreachable(ExitCodes.TIMED_OUT, who + ": no answer on its control socket within "
                + seconds(timeout) + " (" + doing + "); is the process stopped (SIGSTOP, a debugger) or stuck? Give it"
                + " longer with --timeout SECONDS");
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
    }

    private static List<String> parse(byte[] answer, String who) throws Unreachable {
        String text = new String(answer, StandardCharsets.UTF_8);
        int nl = text.indexOf('\n');
        String head = nl < 0 ? text : text.substring(0, nl);
        if (head.startsWith("refused ")) {
            throw new IllegalArgumentException(unescape(head.substring(8)));
        }
        if (head.startsWith("error ")) {
            throw new Unreachable(ExitCodes.REFUSED, who + ": the request failed there: "
                    + Faultline.escape(unescape(head.substring(6))));
        }
        int n;
        try {
            n = head.startsWith("ok ") ? Integer.parseInt(head.substring(3)) : -1;
        } catch (NumberFormatException e) {
            n = -1;
        }
        List<String> values = new ArrayList<>();
        int at = nl + 1;
        while (n >= 0 && values.size() < n && nl >= 0) {
            int end = text.indexOf('\n', at);
            if (end < 0) {
                break;
            }
            values.add(unescape(text.substring(at, end)));
            at = end + 1;
        }
        if (n < 0 || values.size() != n) {
            throw new Unreachable(ExitCodes.REFUSED, who + ": its control socket answered what is not a Faultline"
                    + " answer (" + Faultline.escape(head.length() > 80 ? head.substring(0, 80) + "..." : head) + ")");
        }
        return values;
    }

    /** One line for {@code s}: backslash, LF, CR and tab escaped (as core's control socket reads them). */
    static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n == 't' ? '\t' : n);
        }
        return b.toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
