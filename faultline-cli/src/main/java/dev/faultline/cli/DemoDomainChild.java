package dev.faultline.cli;

import dev.faultline.DebugDomain;
import dev.faultline.Faultline;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;

/**
 * The demo's second child: checks debug domain {@code demo.cache} every 50 ms while it is off
 * (the check is not even evaluated), until someone switches the domain on from outside; the
 * first check then fires, and the child exits. Gives up after a minute.
 */
public final class DemoDomainChild {
    static final DebugDomain CACHE = Faultline.domain("demo.cache");

    private DemoDomainChild() {}

    public static void main(String[] args) throws Exception {
        // Attach and JMX find the MBean only once it is registered (off the main thread, at boot).
        ObjectName name = new ObjectName(LiveJvm.MBEAN);
        for (int i = 0; i < 3000 && !ManagementFactory.getPlatformMBeanServer().isRegistered(name); i++) {
            Thread.sleep(20);
        }
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

    /** The expensive check a debug domain guards: it runs only while the domain is on. */
    static int staleEntries() {
        return 3;
    }
}
