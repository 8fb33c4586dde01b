package dev.faultline.cli;

import dev.faultline.Faultline;
import dev.faultline.ring.RecoveredRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code faultline recover <dir>}: archive the dead runs' rings in a crash directory, of every application. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Recover and archive the crash rings of dead runs in a crash directory, whatever application"
                + " wrote them (a start of an application takes only its own): each goes to <dir>/archive/"
                + "<start>-<app>-<pid>-<run>/ as ring.bin and ring.txt, with one line printed per run. Rings of live"
                + " runs are left alone.",
                "Exit status: 0 ok (also when there was nothing to recover), 2 usage error, 3 no such directory."})
public final class RecoverCommand implements Callable<Integer> {
    @Parameters(paramLabel = "<dir>", description = "A crash directory (faultline.dir).")
    Path dir;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            System.err.println("faultline: no such directory: " + Faultline.escape(dir.toString()));
            return ExitCodes.NOTHING_TO_READ;
        }
        // The recovery lines go to Faultline's console; here that is this command's output.
        Faultline.setConsoleStream(System.out);
        try {
            List<RecoveredRun> runs = Faultline.recoverRings(dir);
            System.out.println(runs.size() + " run" + (runs.size() == 1 ? "" : "s") + " recovered from "
                    + Faultline.escape(dir.toString()));
            return ExitCodes.OK;
        } finally {
            Faultline.setConsoleStream(null);
        }
    }
}
