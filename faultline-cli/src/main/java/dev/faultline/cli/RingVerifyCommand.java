package dev.faultline.cli;

import dev.faultline.internal.Escape;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingScan;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code faultline ring verify <file-or-dir>}. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check crash rings: counts of valid, torn and corrupt records per ring.",
                "Torn records (a write cut short by the crash, or partly overwritten a lap later) are expected after"
                        + " a crash; corrupt ones are not.",
                "The ring of a process still running is reported LIVE: its records are being written as it is read,"
                        + " so none is judged corrupt.",
                "Exit status: 0 when every ring is intact, 1 when any ring is corrupt, damaged or not a ring,"
                        + " 2 when no ring was found."})
public final class RingVerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<file-or-dir>", description = "A ring file, or a crash directory (faultline.dir).")
    Path target;

    @Override
    public Integer call() throws Exception {
        List<Path> rings = RingCommand.rings(target);
        if (rings.isEmpty()) {
            System.err.println("faultline: no crash rings in " + Escape.text(target.toString()));
            return 2;
        }
        int bad = 0;
        int live = 0;
        for (Path p : rings) {
            RingScan scan = RingReader.read(p);
            boolean ok = scan.intact();
            if (!ok) {
                bad++;
            } else if (scan.live()) {
                live++;
            }
            System.out.println((!ok ? "CORRUPT " : scan.live() ? "LIVE    " : "OK      ") + scan.summary());
            if (!ok && scan.isRing()) { // for a non-ring the summary already says why
                for (String problem : scan.problems()) {
                    System.out.println("        " + problem);
                }
            }
        }
        System.out.println(rings.size() + " ring" + (rings.size() == 1 ? "" : "s") + " checked, " + bad + " corrupt"
                + (live == 0 ? "" : ", " + live + " live"));
        System.out.flush();
        return bad == 0 ? 0 : 1;
    }
}
