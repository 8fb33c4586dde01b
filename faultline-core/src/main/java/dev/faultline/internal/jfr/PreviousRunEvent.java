package dev.faultline.internal.jfr;

import dev.faultline.ring.RecoveredRun;
import java.util.List;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One earlier run recovered at start, and why it ended; committed once, at boot (seen by a recording started with the JVM). */
@Name("dev.faultline.PreviousRun")
@Label("Faultline Previous Run")
@Category("Faultline")
@Description("An earlier run of this application that did not shut down cleanly, and why it ended")
@StackTrace(false)
final class PreviousRunEvent extends Event {
    @Label("Run Id")
    String runId;

    @Label("Pid")
    long pid;

    @Label("Reason")
    String reason;

    @Label("Confidence")
    String confidence;

    @Label("Evidence")
    String evidence;

    @Label("Archive")
    String archive;

    static void commitAll(List<RecoveredRun> runs) {
        for (RecoveredRun r : runs) {
            PreviousRunEvent e = new PreviousRunEvent();
            if (!e.isEnabled()) {
                return;
            }
            e.runId = r.runId();
            e.pid = r.pid();
            e.reason = r.reason().label();
            e.confidence = r.exit().confidence();
            e.evidence = r.evidence();
            e.archive = String.valueOf(r.archive());
            e.commit();
        }
    }
}
