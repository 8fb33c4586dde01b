package dev.faultline.cli;

import dev.faultline.Faultline;
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
                "Exit status: 0 when every ring is intact, 1 when any ring is corrupt, damaged or not a ring,"
                        + " 2 when no ring was found."})
public final class RingVerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<file-or-dir>", description = "A ring file, or a crash directory (faultline.dir).")
    Path target;

    @Override
    public Integer call() throws Exception {
        List<Path> rings = RingCommand.rings(target);
        if (rings.isEmpty()) {
            System.err.println("faultline: no crash rings in " + Faultline.escape(target.toString()));
            return 2;
        }
        int bad = 0;
        for (Path p : rings) {
            RingScan scan = RingReader.read(p);
            boolean ok = scan.intact();
            if (!ok) {
                bad++;
            }
            System.out.println((ok ? "OK      " : "CORRUPT ") + scan.summary());
            if (!ok && scan.isRing()) { // for a non-ring the summary already says why
                for (String problem : scan.problems()) {
                    System.out.println("        " + problem);
                }
            }
        }
        System.out.println(rings.size() + " ring" + (rings.size() == 1 ? "" : "s") + " checked, " + bad + " corrupt");
        System.out.flush();
        return bad == 0 ? 0 : 1;
    }
}
