package dev.faultline.internal.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One emitted report. JFR's own stack trace is off: the event may be committed on another
 * thread than the one that fired, so the report's stack is carried as a field instead.
 */
@Name("dev.faultline.Report")
@Label("Faultline Report")
@Category("Faultline")
@Description("A warning, BUG, panic, oops or notice reported by Faultline")
@StackTrace(false)
final class ReportEvent extends Event {
    @Label("Kind")
    String kind;

    @Label("Site")
    String site;

    @Label("Signature")
    @Description("Stable hash of the bug across hosts, runs and rebuilds")
    String signature;

    @Label("Title")
    String title;

    @Label("Message")
    String message;

    @Label("Taint")
    @Description("Taint letters before the report")
    String taint;

    @Label("Sequence")
    long sequence;

    @Label("Firing Thread")
    String thread;

    @Label("Stack")
    @Description("The report's stack, innermost frame first, one frame per line")
    String stack;
}
