package dev.faultline.cli;

import dev.faultline.DebugDomain;
import dev.faultline.Faultline;
import java.nio.file.Files;
import java.nio.file.LinkOption;

/**
 * The demo's second child: checks debug domain {@code demo.cache} every 50 ms while it is off
 * (the check is not even evaluated), until someone switches the domain on from outside; the
 * first check then fires, and the child exits. Gives up after a minute.
 */
public final class DemoDomainChild {
    static final DebugDomain CACHE = Faultline.domain("demo.cache");

    private DemoDomainChild() {}

    public static void main(String[] args) throws Exception {
        awaitControlSocket();
        System.out.println("child: ready; checking demo.cache every 50 ms, mode " + CACHE.mode().token());
        System.out.flush();
        for (int i = 0; i < 1200; i++) {
            if (CACHE.warnOnce(() -> staleEntries() > 0, "the cache holds stale entries")) {
                System.out.println("child: the check ran at last, and fired; exiting");
                return;
            }
            Thread.sleep(50);
        }
        System.out.println("child: nobody switched demo.cache on within a minute");
        System.exit(1);
    }

    /** faultline debug reaches this JVM once its control socket is open (off the main thread, at boot). */
    static void awaitControlSocket() throws InterruptedException {
        java.nio.file.Path socket = TargetProcess.of(ProcessHandle.current().pid()).orElseThrow().controlSocket();
        for (int i = 0; i < 3000 && !Files.exists(socket, LinkOption.NOFOLLOW_LINKS); i++) {
            Thread.sleep(20);
        }
    }

    /** The expensive check a debug domain guards: it runs only while the domain is on. */
    static int staleEntries() {
        return 3;
    }
}
