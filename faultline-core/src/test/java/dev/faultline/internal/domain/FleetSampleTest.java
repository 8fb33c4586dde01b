package dev.faultline.internal.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.DebugMode;
import dev.faultline.fixtures.DomainMain;
import dev.faultline.fixtures.Jvm;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fleet sampling ({@code mm=panic@2%}): the share of hosts in a sample matches the spec, a host's
 * answer never changes, and different domains pick independent sets of hosts.
 */
class FleetSampleTest {
    static final int HOSTS = 10_000;

    static String host(int i) {
        return "pod-" + i + ".payments.prod";
    }

    /** Host ids as a Kubernetes fleet names them: deployment, replica-set hash, pod suffix (fixed seed). */
    static List<String> podNames(int n) {
        java.util.Random r = new java.util.Random(42);
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        List<String> out = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder("payments-");
            for (int k = 0; k < 10; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            b.append('-');
            for (int k = 0; k < 5; k++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            out.add(b.toString());
        }
        return out;
    }

    /**
     * The share of hosts in the sample is the spec's, within half a point. A host's place is a
     * hash, so the share over n hosts is binomial: its standard deviation is 0.10 points at 1 %,
     * 0.14 at 2 %, 0.30 at 10 % and 0.50 at 50 % for n = 10,000: a half-point bound is 5 and 3.5
     * standard deviations at 1 % and 2 %, but only 1.7 and 1 at 10 % and 50 %, where an unbiased
     * hash misses it by chance on one fleet in ten or three. So 10 % and 50 % are checked over
     * 100,000 hosts (0.09 and 0.16 points); every figure is printed.
     */
    @Test
    void theShareOfHostsInTheSampleIsWithinHalfAPointOfTheSpec() {
        List<String> fleet = podNames(100_000);
        StringBuilder misses = new StringBuilder();
        StringBuilder table = new StringBuilder("fleet sampling (Kubernetes-style pod names):\n"
                + "| spec | hosts | in the sample | share | off by (points) |\n|---|---|---|---|---|\n");
        for (int percent : new int[] {1, 2, 10, 50}) {
            for (int hosts : new int[] {HOSTS, 100_000}) {
                int in = 0;
                for (int i = 0; i < hosts; i++) {
                    if (FleetSample.in(fleet.get(i), "mm", percent * 100)) {
                        in++;
                    }
                }
                double share = 100.0 * in / hosts;
                double off = Math.round((share - percent) * 100) / 100.0;
                table.append("| mm=panic@").append(percent).append("% | ").append(hosts).append(" | ").append(in)
                        .append(" | ").append(share).append(" % | ").append(off).append(" |\n");
                if (percent <= 2 || hosts == 100_000) {
                    misses.append(Math.abs(share - percent) <= 0.5 ? "" : "mm@" + percent + "% over " + hosts + ": "
                            + share + " %; ");
                }
            }
        }
        System.out.print(table);
        assertEquals("", misses.toString());
    }

    @Test
    void theSameHostAlwaysGetsTheSameAnswer() {
        for (int i = 0; i < 1000; i++) {
            boolean first = FleetSample.in(host(i), "net.tcp", 1000);
            for (int again = 0; again < 3; again++) {
                assertEquals(first, FleetSample.in(host(i), "net.tcp", 1000), host(i));
            }
        }
        // And across JVMs, versions and platforms: the hash depends on the two strings alone.
        assertEquals(4294, FleetSample.bucket("pod-1.payments.prod", "mm"), "a pinned value: changing the hash moves every host");
    }

    @Test
    void twoDomainsAtTenPercentOverlapOnAboutOnePercentOfHosts() {
        int both = 0;
        int mm = 0;
        int net = 0;
        for (int i = 0; i < HOSTS; i++) {
            boolean a = FleetSample.in(host(i), "mm", 1000);
            boolean b = FleetSample.in(host(i), "net.tcp", 1000);
            mm += a ? 1 : 0;
            net += b ? 1 : 0;
            both += a && b ? 1 : 0;
        }
        double overlap = 100.0 * both / HOSTS;
        System.out.println("two domains at 10%: mm " + mm + ", net.tcp " + net + ", both " + both + " hosts ("
                + overlap + " %, independent would be 1 %)");
        assertTrue(Math.abs(overlap - 1.0) <= 0.5, "overlap " + overlap + " %");
    }

    @Test
    void aSampledEntryParsesAndBadPercentagesAreNamed() {
        DebugSpec.Parsed p = DebugSpec.parse("mm=panic@2%, net.tcp=warn@10%, fs=once@0.5%, all=warn@100%");
        assertEquals(List.of(), p.problems);
        assertEquals(List.of("mm=panic@2%", "net.tcp=warn@10%", "fs=once@0.5%", "all=warn@100%"),
                p.entries.stream().map(Object::toString).toList());
        assertEquals(DebugMode.PANIC, p.entries.get(0).mode);
        assertEquals(50, p.entries.get(2).sample);
        for (String bad : List.of("mm=panic@", "mm=panic@2", "mm=panic@0%", "mm=panic@101%", "mm=panic@2.345%",
                "mm=panic@x%", "mm=panic@-1%", "mm=panic@\u0662%", "mm=panic@ %")) {
            DebugSpec.Parsed q = DebugSpec.parse(bad + ",ok=warn");
            assertEquals(1, q.problems.size(), bad);
            assertTrue(q.problems.get(0).contains("bad sample percentage"), q.problems.get(0));
            assertEquals("ok=warn", q.entries.get(0).toString(), "the other entries still apply");
        }
        assertTrue(DebugSpec.parse("mm=@2%").problems.get(0).contains("missing mode before '@'"));
    }

    @Test
    void aHostInTheSampleTakesTheModeAndAHostOutsideKeepsItsParentsAndTheStatusSaysWhich() throws Exception {
        // Two hosts, one in the 50 % sample of "fs" and one not (found by the same hash).
        String in = null;
        String out = null;
        for (int i = 0; in == null || out == null; i++) {
            if (FleetSample.in(host(i), "fs", 5000)) {
                in = in == null ? host(i) : in;
            } else {
                out = out == null ? host(i) : out;
            }
        }
        String spec = "-Dfaultline.debug=*=once,fs=panic@50%";
        Jvm.Result yes = Jvm.run(DomainMain.class, List.of(spec, "-Dfaultline.host_id=" + in), Duration.ofSeconds(60));
        Jvm.Result no = Jvm.run(DomainMain.class, List.of(spec, "-Dfaultline.host_id=" + out), Duration.ofSeconds(60));
        assertTrue(yes.stdout.contains("fs = panic (set via faultline.debug, sampled in at 50% of hosts)"), yes.toString());
        assertTrue(no.stdout.contains("fs = once (default * set via faultline.debug; fleet sample fs=panic@50%: this host ("
                + out + ") is not in the sample)"), no.toString());
    }
}
