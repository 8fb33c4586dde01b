package dev.faultline.internal.domain;

import dev.faultline.report.Taint;
import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.ring.RunHistory;
import dev.faultline.internal.ring.RunOutcome;
import dev.faultline.internal.runtime.Taints;
import dev.faultline.internal.text.Escape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The boot-loop guard (kernel seed: debug checks in panic mode must not turn one failed
 * invariant at start-up into a service that never comes up). At start, when each of the last
 * {@code N} runs of this crash directory panicked on a debug domain's check within {@code T}
 * seconds of its start, the domains named by those panics are demoted from panic to warn for
 * this run: one loud line says which, why and how to undo it; the process is tainted
 * {@link Taint#DEMOTED} and {@link Taint#RELAXED}.
 *
 * <p>Only debug domains are demoted: a plain {@code bugOn} is always fatal. The streak is read
 * from this application's earlier runs' rings alone ({@code RunHistory}); it ends at a run that
 * did not die that way (it lived past {@code T}, or died of something else) and at a run whose
 * start found a cleanly ended run before it. When the guard cannot see enough history to act
 * ({@code faultline.archive_keep} below {@code N}, or earlier runs it cannot read) it says so at
 * start, once.
 */
public final class BootLoopGuard {
    /** Default: three runs in a row, each dead within a minute. */
    static final int DEFAULT_RUNS = 3;
    static final long DEFAULT_WINDOW_MILLIS = 60_000;

    private BootLoopGuard() {}

    /** The guard's setting: {@code runs} in a row, each within {@code windowMillis}; runs 0 = off. */
    static final class Limit {
        final int runs;
        final long windowMillis;

        Limit(int runs, long windowMillis) {
            this.runs = runs;
            this.windowMillis = windowMillis;
        }

        @Override
        public String toString() {
            return runs == 0 ? "0" : runs + "/" + windowMillis / 1000 + "s";
        }
    }

    /** The decision: domains to demote (empty: none) and the runs that made it. */
    static final class Decision {
        final TreeSet<String> domains;
        final List<RunOutcome> streak;

        Decision(TreeSet<String> domains, List<RunOutcome> streak) {
            this.domains = domains;
            this.streak = streak;
        }
    }

    /** How many earlier runs the guard needs to read. */
    public static int runsToRead() {
        return limit().runs;
    }

    /**
     * Decides from {@code history} (earlier runs of this application, newest first) and applies
     * the demotions to the domain table; called once, by {@code Boot}, after the boot spec is
     * applied. Says so (a problem line) when the guard is on but cannot act on what it sees:
     * {@code archiveKeep} (the archived runs kept, 0 when nothing is archived) below N, or
     * earlier runs it could not read. Never throws.
     *
     * @param cleanAtThisStart runs this start found ended cleanly: then the last run was clean
     */
    public static void boot(RunHistory.Read history, List<String> cleanAtThisStart, int archiveKeep) {
        try {
            Limit limit = limit();
            if (limit.runs == 0) {
                return;
            }
            if (archiveKeep > 0 && archiveKeep < limit.runs) {
                Settings.problem("the boot-loop guard (" + Keys.BOOTLOOP_GUARD.property() + "=" + limit + ") needs the last "
                        + limit.runs + " runs, but " + Keys.ARCHIVE_KEEP.property() + "=" + archiveKeep + " keeps only "
                        + archiveKeep + " archived runs of this application: it can never act; set "
                        + Keys.ARCHIVE_KEEP.property() + " to " + limit.runs + " or more, or "
                        + Keys.BOOTLOOP_GUARD.property() + "=0");
            }
            if (history.unreadable > 0) {
                Settings.problem("the boot-loop guard cannot read " + history.unreadable + " earlier run"
                        + (history.unreadable == 1 ? "" : "s") + " of the crash directory ("
                        + String.join("; ", history.unreadableNamed)
                        + (history.unreadable > history.unreadableNamed.size() ? "; ..." : "")
                        + "); it decides without " + (history.unreadable == 1 ? "it" : "them")
                        + ", so it may not see a boot loop");
            }
            if (!cleanAtThisStart.isEmpty()) {
                return;
            }
            Decision d = decide(history.runs, limit);
            if (d.domains.isEmpty()) {
                return;
            }
            List<String> demoted = DomainTable.demote(d.domains, Keys.BOOTLOOP_GUARD.property());
            if (demoted.isEmpty()) {
                return; // those domains are not in panic mode now: nothing to demote
            }
            Taints.taint(Taint.DEMOTED);
            Taints.taint(Taint.RELAXED);
            Console.line(line(demoted, d, limit));
        } catch (Throwable e) {
            Settings.problem("the boot-loop guard (" + Keys.BOOTLOOP_GUARD.property() + ") could not decide: " + e
                    + "; no domain was demoted");
        }
    }

    /**
     * Whether, after reading {@code o}, the guard wants older runs at all: only while the streak
     * can still grow (so the history stops reading rings at the first run that breaks it).
     */
    public static Predicate<RunOutcome> wantsOlder() {
        Limit limit = limit();
        return o -> extendsStreak(o, limit) && o.cleanBefore.isEmpty();
    }

    private static boolean extendsStreak(RunOutcome o, Limit limit) {
        return o.panicDomain != null && o.panicAfterMillis >= 0 && o.panicAfterMillis <= limit.windowMillis;
    }

    /** The decision alone (no side effects): the streak of the newest runs and the domains they name. */
    static Decision decide(List<RunOutcome> newestFirst, Limit limit) {
        List<RunOutcome> streak = new ArrayList<>();
        for (RunOutcome o : newestFirst) {
            if (streak.size() == limit.runs) {
                break;
            }
            if (!extendsStreak(o, limit)) {
                break;
            }
            streak.add(o);
            if (!o.cleanBefore.isEmpty()) {
                break; // a clean run came before this one: older runs are another story
            }
        }
        TreeSet<String> domains = new TreeSet<>();
        if (limit.runs > 0 && streak.size() == limit.runs) {
            for (RunOutcome o : streak) {
                domains.add(o.panicDomain);
            }
        }
        return new Decision(domains, streak);
    }

    private static String line(List<String> demoted, Decision d, Limit limit) {
        StringBuilder b = new StringBuilder("faultline: boot-loop guard: debug domain");
        b.append(demoted.size() == 1 ? " " : "s ").append(String.join(", ", demoted))
                .append(" demoted from panic to warn for this run (tainted B): the last ").append(limit.runs)
                .append(" runs each panicked on ").append(demoted.size() == 1 ? "its" : "their")
                .append(" check within ").append(limit.windowMillis / 1000).append(" s of starting (");
        for (int i = 0; i < d.streak.size(); i++) {
            RunOutcome o = d.streak.get(i);
            b.append(i == 0 ? "" : "; ").append("run ").append(Escape.text(o.runId)).append(" started ")
                    .append(o.start).append(", ").append(o.panicAfterMillis).append(" ms later \"")
                    .append(Escape.text(o.lastReport)).append('"');
        }
        b.append("). To undo: fix the check; or set it back at run time (./faultline debug <pid> ")
                .append(demoted.get(0)).append("=panic, or JMX setDebugMode); or start with ")
                .append(Keys.BOOTLOOP_GUARD.property()).append("=0");
        return b.toString();
    }

    /** {@code faultline.bootloop_guard}: {@code N/Ts} or {@code 0}; a bad value keeps the default, with a named problem. */
    static Limit limit() {
        Limit l = cached;
        if (l == null) {
            l = readLimit();
            cached = l;
        }
        return l;
    }

    private static volatile Limit cached;

    private static Limit readLimit() {
        Limit def = new Limit(DEFAULT_RUNS, DEFAULT_WINDOW_MILLIS);
        Settings.Raw raw = Settings.raw(Keys.BOOTLOOP_GUARD);
        if (raw == null) {
            return def;
        }
        Limit parsed = parse(raw.value);
        if (parsed == null) {
            Settings.problem("invalid value " + Escape.quoted(raw.value) + " for " + Keys.BOOTLOOP_GUARD.property()
                    + " (from " + raw.source + "): expected " + Keys.BOOTLOOP_GUARD.expected()
                    + " with N from 1 to 100 and T from 1 to 86400; keeping the default " + def);
            return def;
        }
        return parsed;
    }

    /** {@code "3/60s"} → 3 runs within 60 s; {@code "0"} → off; null when malformed. */
    static Limit parse(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.equals("0")) {
            return new Limit(0, 0);
        }
        int slash = v.indexOf('/');
        if (slash <= 0 || !v.endsWith("s")) {
            return null;
        }
        String n = v.substring(0, slash).strip();
        String t = v.substring(slash + 1, v.length() - 1).strip();
        if (!digits(n) || !digits(t) || n.length() > 3 || t.length() > 5) {
            return null;
        }
        int runs = Integer.parseInt(n);
        int seconds = Integer.parseInt(t);
        if (runs < 1 || runs > 100 || seconds < 1 || seconds > 86_400) {
            return null;
        }
        return new Limit(runs, seconds * 1000L);
    }

    private static boolean digits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
