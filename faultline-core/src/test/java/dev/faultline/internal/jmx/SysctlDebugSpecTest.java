package dev.faultline.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.Faultline;
import dev.faultline.fixtures.Jvm;
import dev.faultline.internal.domain.FleetSample;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code faultline.debug} read back through sysctl is the spec as applied — fleet samples with
 * their {@code @N%}, inherited modes left out — so that setting it to what it reads changes
 * nothing. Run in a child JVM, whose host identity puts it in one 50 % sample and out of another.
 */
class SysctlDebugSpecTest {

    @Test
    void theDebugKeyReadsBackTheSpecAndReApplyingItChangesNothing() throws Exception {
        String host = null;
        for (int i = 0; host == null; i++) {
            String h = "host-" + i;
            if (FleetSample.in(h, "mm", 5000) && !FleetSample.in(h, "fs", 5000)) {
                host = h;
            }
        }
        Jvm.Result r = Jvm.run(Child.class, List.of("-Dfaultline.host_id=" + host, "-Dfaultline.ring=0",
                "-Dfaultline.debug=*=once,mm=panic@50%,fs=warn@50%,net=warn"), Duration.ofSeconds(90));
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.contains("read: *=once,mm=panic@50%,net=warn,fs=warn@50%\n"), r.toString());
        assertTrue(r.stdout.contains("set: faultline.debug = *=once,mm=panic@50%,net=warn,fs=warn@50% (unchanged)\n"),
                r.toString());
        // The one change line is the child's own net=off; re-applying printed none.
        assertEquals(List.of("faultline: debug domain net changed from warn to off (via test); domains that follow it:"
                + " net.tcp"), r.stderr.lines().filter(l -> l.contains(" changed from ")).toList(), r.toString());
        // net.tcp was not pinned to what it inherited: it still follows net.
        assertTrue(r.stdout.contains("net.tcp after net=off: off\n"), r.toString());
        assertTrue(r.stdout.contains("mm.cache: panic (inherited from mm)\n"), r.toString());
    }

    /** Declares the domains, reads the key, sets it to what it read, then moves a parent. */
    public static final class Child {
        public static void main(String[] args) {
            for (String d : List.of("mm", "mm.cache", "net", "net.tcp", "fs")) {
                Faultline.domain(d);
            }
            String spec = Sysctl.get("debug");
            System.out.println("read: " + spec);
            System.out.println("set: " + Sysctl.set("debug", spec, "test"));
            Sysctl.set("debug", "net=off", "test");
            System.out.println("net.tcp after net=off: " + Faultline.domain("net.tcp").mode().token());
            for (String line : Faultline.debugDomains().status()) {
                if (line.startsWith("mm.cache = ")) {
                    System.out.println("mm.cache: " + line.substring("mm.cache = ".length()));
                }
            }
        }
    }
}
