package dev.faultline.internal.panic;

import dev.faultline.internal.text.Escape;
import dev.faultline.panic.DumpContext;
import java.nio.file.Path;

/**
 * Dumps every running JFR recording into the crash directory. Kept apart so that a JVM
 * without the {@code jdk.jfr} module only fails this dumper (with one line), nothing else.
 */
final class JfrDump {
    private JfrDump() {}

    static void dump(DumpContext context) throws Exception {
        // Asking for the recorder would start JFR; if it never started, nothing is recording.
        if (!jdk.jfr.FlightRecorder.isInitialized()) {
            return;
        }
        for (jdk.jfr.Recording r : jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings()) {
            if (r.getState() != jdk.jfr.RecordingState.RUNNING) {
                continue;
            }
            Path file = CrashFiles.path("jfr-" + safe(r.getName()), "jfr");
            r.dump(file);
            CrashFiles.ownerOnly(file);
            context.print("faultline: JFR recording '" + Escape.text(r.getName()) + "' dumped to " + Escape.text(file.toString()));
        }
    }

    /** A recording name as a file-name part: letters, digits, '.', '-' and '_' only. */
    private static String safe(String name) {
        String s = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() ? "recording" : s.substring(0, Math.min(s.length(), 64));
    }
}
