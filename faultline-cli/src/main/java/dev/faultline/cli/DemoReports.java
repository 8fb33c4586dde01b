package dev.faultline.cli;

import dev.faultline.report.Report;
import java.io.PrintStream;

/**
 * How the demo prints a report: its text with the call trace cut to the application's frames
 * (the demo's own), because a dozen frames of picocli and reflection above them say nothing
 * about the check. The crash ring keeps the whole stack.
 */
final class DemoReports {
    /** Frames of this package are the application's; everything else is the launcher's. */
    static final String APPLICATION = "dev.faultline.cli.";

    private DemoReports() {}

    /** Prints {@code r} on {@code out} with its call trace cut; a line says how many frames were left out. */
    static void print(Report r, PrintStream out) {
        out.print(cut(r.toText()));
        out.flush();
    }

    static String cut(String text) {
        StringBuilder b = new StringBuilder(text.length());
        boolean inTrace = false;
        int omitted = 0;
        for (String line : text.split("\n", -1)) {
            if (inTrace && line.startsWith(" ")) {
                if (line.startsWith(" " + APPLICATION)) {
                    b.append(line).append('\n');
                } else {
                    omitted++;
                }
                continue;
            }
            if (inTrace) {
                inTrace = false;
                if (omitted > 0) {
                    b.append(" ... ").append(omitted).append(" frames of the launcher and the JDK (all in the crash ring)\n");
                }
            }
            inTrace = line.equals("Call Trace:");
            b.append(line).append('\n');
        }
        // split keeps the text's last newline as a final empty part: do not print it twice
        return b.substring(0, b.length() - 1);
    }
}
