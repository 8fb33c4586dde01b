package dev.faultline.internal.ring;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ring files this process holds a lock on (its own ring for its whole life; a ring it is
 * archiving, while it does), with the channel that holds it. POSIX drops every lock a process
 * holds on a file when the process closes <em>any</em> descriptor of that file: opening such a
 * file again to read it, and closing that, would tell every other process the run is dead.
 * Whoever reads a ring file asks here first and reads through the held channel instead.
 */
public final class HeldRings {
    private static final List<Held> HELD = new CopyOnWriteArrayList<>();

    private HeldRings() {}

    private static final class Held {
        final FileChannel channel;
        final Object key;

        Held(FileChannel channel, Object key) {
            this.channel = channel;
            this.key = key;
        }
    }

    /** Records that {@code channel}, open on {@code file}, holds its lock. */
    static void hold(FileChannel channel, Path file) {
        Object key = key(file);
        if (key != null) {
            HELD.add(new Held(channel, key));
        }
    }

    /** Forgets {@code channel} (about to be closed). */
    static void release(FileChannel channel) {
        HELD.removeIf(h -> h.channel == channel);
    }

    /**
     * The channel through which this process holds the lock on {@code file} (whatever name the
     * file has now), or null when it holds none. Reads through it are positional: they do not
     * disturb its other users. Never throws.
     */
    public static FileChannel channel(Path file) {
        if (HELD.isEmpty()) {
            return null;
        }
        Object key = key(file);
        if (key == null) {
            return null;
        }
        for (Held h : HELD) {
            if (h.key.equals(key) && h.channel.isOpen()) {
                return h.channel;
            }
        }
        return null;
    }

    /** The file's identity (device and inode where the platform says), not its name; null when it cannot be read. */
    private static Object key(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.fileKey() != null ? a.fileKey() : file.toAbsolutePath().normalize();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
