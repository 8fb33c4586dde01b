package dev.faultline.cli;

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
                "A ring shorter than its header says (a partial copy, a full disk) is truncated, and fails.",
                "Exit status: 0 when every ring is intact, 1 when any ring is corrupt, truncated, damaged or not a ring,"
                        + " 2 on a usage error, 3 when the path does not exist, cannot be read, is not a regular file or"
                        + " holds no ring, 6 when a file did not open within 10 s (the others are still checked)."})
public final class RingVerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<file-or-dir>", description = "A ring file, a crash directory (faultline.dir), its"
            + " archive directory, or one archived run's directory.")
    Path target;

    @Override
    public Integer call() throws Exception {
        List<Path> rings;
        try {
            rings = RingCommand.rings(target);
        } catch (NothingToRead e) {
            System.err.println("faultline: " + e.getMessage());
            return ExitCodes.NOTHING_TO_READ;
        }
        int bad = 0;
        boolean timedOut = false;
        int live = 0;
        for (Path p : rings) {
            RingScan scan;
            try {
                scan = BoundedOpen.check(p, BoundedOpen.TIMEOUT); // counts only: no record is decoded or kept
            } catch (BoundedOpen.TimedOut e) {
                System.out.flush();
                System.err.println("faultline: " + e.getMessage());
                timedOut = true;
                continue;
            }
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
        return timedOut ? ExitCodes.TIMED_OUT : bad == 0 ? ExitCodes.OK : ExitCodes.CORRUPT;
    }
}
