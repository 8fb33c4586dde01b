package dev.faultline.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** The process's warn and oops counts and taint, every second of a recording (and at its end). */
@Name("dev.faultline.Statistics")
@Label("Faultline Statistics")
@Category("Faultline")
@Description("Warn count, oops count and taint of the process")
@Period("1 s")
@StackTrace(false)
final class StatisticsEvent extends Event {
    @Label("Warn Count")
    long warnCount;

    @Label("Oops Count")
    long oopsCount;

    @Label("Taint")
    String taint;
}
