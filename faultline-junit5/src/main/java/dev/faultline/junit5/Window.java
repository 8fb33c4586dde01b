package dev.faultline.junit5;

import dev.faultline.report.Report;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports attributed to one running test (or one test class, for reports outside any test),
 * from the moment it starts to the moment it ends. Guarded by the {@link ReportLedger}'s lock.
 */
final class Window {
    /** Unexpected reports kept in full; beyond this a storm is only counted, so memory stays bounded. */
    static final int MAX_KEPT = 100;
    /** Kept reports printed with their whole text in the failure; the rest by their headline. */
    static final int MAX_FULL_TEXT = 10;

    final String name;
    final long threadId;
    /** A test's class window (null for a class, or when the class has none). */
    final Window parent;
    private final List<Expectation> expectations;
    private final List<Report> unexpected = new ArrayList<>();
    private long unexpectedTotal;
    private int inherited;

    Window(String name, long threadId, List<Expectation> expectations, Window parent) {
        this.name = name;
        this.threadId = threadId;
        this.parent = parent;
        this.expectations = expectations;
    }

    void add(Report r) {
        for (Expectation e : expectations) {
            if (e.matches(r)) {
                if (e.consume()) {
                    return;
                }
                break;
            }
        }
        unexpectedTotal++;
        if (unexpected.size() < MAX_KEPT) {
            unexpected.add(r);
        }
    }

    /** Takes reports that came while no test or class was running, so that they are not lost. */
    void inherit(List<Report> orphans, long total) {
        for (Report r : orphans) {
            if (unexpected.size() < MAX_KEPT) {
                unexpected.add(r);
            }
        }
        unexpectedTotal += total;
        inherited += (int) Math.min(Integer.MAX_VALUE, total);
    }

    /** The failure message, or null when every report was expected and every expectation met. */
    String failure() {
        List<String> shortfalls = new ArrayList<>();
        for (Expectation e : expectations) {
            if (!e.met()) {
                shortfalls.add(e.shortfall());
            }
        }
        if (unexpectedTotal == 0 && shortfalls.isEmpty()) {
            return null;
        }
        StringBuilder b = new StringBuilder("Faultline: ");
        if (unexpectedTotal > 0) {
            b.append(unexpectedTotal).append(unexpectedTotal == 1 ? " unexpected report" : " unexpected reports")
                    .append(" during ").append(name)
                    .append(" (every warning, BUG and oops fails a test; declare expected ones with @ExpectWarning)");
            if (inherited > 0) {
                b.append("; ").append(inherited).append(" of them came while no test was running and are shown"
                        + " here so they are not lost");
            }
            b.append('\n');
        }
        for (String s : shortfalls) {
            b.append(s).append('\n');
        }
        for (int i = 0; i < unexpected.size(); i++) {
            Report r = unexpected.get(i);
            b.append(i < MAX_FULL_TEXT ? r.toText() : r.headline() + " [seq " + r.sequence() + "]\n");
        }
        if (unexpectedTotal > unexpected.size()) {
            b.append("... and ").append(unexpectedTotal - unexpected.size()).append(" more not kept\n");
        }
        return b.toString();
    }
}
