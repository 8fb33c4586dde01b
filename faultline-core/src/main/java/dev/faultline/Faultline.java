package dev.faultline;

import dev.faultline.internal.boot.Boot;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.panic.Panic;
import dev.faultline.internal.ring.CrashRings;
import dev.faultline.internal.runtime.CallerSites;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.text.Escape;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Entry point: declares sites, offers the convenience checks for cold code, and exposes the
 * process-wide state (taint, counters, policy, listeners).
 *
 * <pre>{@code
 * static final Site NEGATIVE = Faultline.site("ledger.negative-balance");
 *
 * if (NEGATIVE.warnOn(balance < 0, "balance %s", balance)) return Result.rejected();
 * }</pre>
 *
 * <p>Nothing in this class throws out of class initialisation: bad configuration is reported
 * on stderr with the key and value, and defaults apply.
 */
public final class Faultline {
    private static final CallerSites<Site> CALLERS = new CallerSites<>(key -> new Site(key, CallerSites.ownerClass(key)),
            // The overflow site stands for any number of call lines, so it is rate-limited.
            key -> new Site(key, "?", RateLimit.processDefault()));

    private Faultline() {}

    // ---- sites -------------------------------------------------------------------------

    /**
     * Declares a site named {@code name}, owned by the calling class. Call once and keep the
     * result in a {@code static final} field. A null or blank name does not throw (this usually
     * runs in a static initialiser): the site is named {@code <unnamed>} and a configuration
     * problem line is printed.
     */
    public static Site site(String name) {
        return new Site(checkedName(name), declaringClass());
    }

    /** Declares a site named {@code name} owned by {@code owner}. */
    public static Site site(Class<?> owner, String name) {
        return new Site(checkedName(name), owner == null ? "?" : owner.getName());
    }

    /**
     * Declares a site named {@code name}, owned by the calling class, whose {@code warnOn} and
     * {@code printRatelimited} firings report at most {@code limit.burst()} times per
     * {@code limit.interval()}; the rest are counted and announced later (see
     * {@link RateLimit}). A null limit does not throw (this usually runs in a static
     * initialiser): {@link RateLimit#processDefault()} applies and a configuration problem line
     * is printed.
     */
    public static Site site(String name, RateLimit limit) {
        String checked = checkedName(name);
        return new Site(checked, declaringClass(), checkedLimit(checked, limit));
    }

    /** As {@link #site(String, RateLimit)}, owned by {@code owner}. */
    public static Site site(Class<?> owner, String name, RateLimit limit) {
        String checked = checkedName(name);
        return new Site(checked, owner == null ? "?" : owner.getName(), checkedLimit(checked, limit));
    }

    private static RateLimit checkedLimit(String site, RateLimit limit) {
        if (limit == null) {
            Settings.problem("site " + site + " was declared with a null rate limit; the process default "
                    + RateLimit.processDefault() + " applies");
            return RateLimit.processDefault();
        }
        return limit;
    }

    private static String checkedName(String name) {
        if (name == null || name.isBlank()) {
            Settings.problem("a site was declared with a " + (name == null ? "null" : "blank")
                    + " name; it is reported as <unnamed>");
            return "<unnamed>";
        }
        return name;
    }

    private static String declaringClass() {
        try {
            return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                    .walk(s -> s.map(f -> f.getDeclaringClass().getName())
                            .filter(n -> !n.equals(Faultline.class.getName()))
                            .findFirst().orElse("?"));
        } catch (Throwable e) {
            return "?";
        }
    }

    /** The site shared by convenience callers past the table's maximum. */
    static Site callerOverflowSite() {
        return CALLERS.overflowSite();
    }

    // ---- debug domains -----------------------------------------------------------------

    /**
     * The debug domain {@code name} (e.g. {@code mm}, {@code net.tcp}), registered on first use;
     * the same name (case-insensitive) always gives the same domain. Keep it in a
     * {@code static final} field. Never throws: a null, blank or malformed name is reported as
     * a configuration problem and gives a domain that follows the default ({@code *}) only.
     */
    public static DebugDomain domain(String name) {
        return DebugDomains.domain(name);
    }

    /** Run-time control of every debug domain's mode (the JMX MBean offers the same). */
    public static DebugDomains debugDomains() {
        return DebugDomains.INSTANCE;
    }

    // ---- convenience checks (site = calling source line) -------------------------------

    /**
     * Convenience {@link Site#warnOn(boolean)} for cold code: the site is the calling source
     * line, found by a stack walk only when the check fires. At most
     * {@value dev.faultline.internal.runtime.CallerSites#MAX_SITES} distinct lines get their own site;
     * later ones share an overflow site, which is rate-limited by
     * {@link RateLimit#processDefault()} because it stands for any number of lines.
     */
    public static boolean warnOn(boolean condition) {
        if (condition) {
            CALLERS.forCaller().warnOn(true);
        }
        return condition;
    }

    public static boolean warnOn(boolean condition, String template, Object arg) {
        if (condition) {
            CALLERS.forCaller().warnOn(true, template, arg);
        }
        return condition;
    }

    public static boolean warnOn(boolean condition, Supplier<String> message) {
        if (condition) {
            CALLERS.forCaller().warnOn(true, message);
        }
        return condition;
    }

    /** Convenience {@link Site#warnOnce(boolean)}: once per calling source line. */
    public static boolean warnOnce(boolean condition) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true);
        }
        return condition;
    }

    public static boolean warnOnce(boolean condition, String template, Object arg) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true, template, arg);
        }
        return condition;
    }

    /** Convenience {@link Site#bugOn(boolean)}. */
    public static void bugOn(boolean condition) {
        if (condition) {
            CALLERS.forCaller().bugOn(true);
        }
    }

    public static void bugOn(boolean condition, String template, Object arg) {
        if (condition) {
            CALLERS.forCaller().bugOn(true, template, arg);
        }
    }

    /**
     * Panics now with {@code reason}: a {@code PANIC:} report, then the exit action of the
     * policy. Never returns normally (in test mode it throws {@link PanicError}).
     */
    public static void panic(String reason) {
        Boot.ensureBooted();
        Panic.panic(reason == null || reason.isEmpty() ? "panic" : reason, null);
    }

    // ---- process-wide state ------------------------------------------------------------

    /** The operator's policy (panic_on_warn, limits, exit action); changes apply at once. */
    public static Policy policy() {
        Boot.ensureBooted();
        return Policy.process();
    }

    /** The process taint: every flag set so far. */
    public static Set<Taint> taints() {
        Boot.ensureBooted();
        return Core.taints();
    }

    /** The kernel-style taint line: {@code Not tainted} or {@code Tainted: W (...)}. */
    public static String taintLine() {
        Boot.ensureBooted();
        return Taint.line(Core.taints());
    }

    /** Reported warnings in this process (suppressed firings are not counted). */
    public static long warnCount() {
        Boot.ensureBooted();
        return Core.warnCount();
    }

    /** Threads that died of uncaught exceptions, as counted by Faultline. */
    public static long oopsCount() {
        Boot.ensureBooted();
        return Core.oopsCount();
    }

    /**
     * Announces now what would otherwise wait for each site's next report: for every site with
     * suppressed firings that no report has announced, one {@link ReportKind#NOTICE} report
     * whose {@link Report#suppressed()} is that count. The same flush runs at clean JVM
     * shutdown (not after a panic, which halts). A site still firing during the flush is
     * announced by the next flush or report, never twice and never dropped. Returns the number
     * of suppressed firings announced; 0 when there was nothing to announce (nothing emitted).
     */
    public static long flushSuppressed() {
        return Suppressions.flush();
    }

    /** Kernel {@code clear_warn_once}: every {@code warnOnce} site may report once more. */
    public static void clearWarnOnce() {
        Boot.ensureBooted();
        Core.clearWarnOnce();
    }

    /**
     * Gives a test a fresh process state: the warn count and oops count go back to 0, the taint
     * is cleared and every {@code warnOnce} site may report once more. Per-site counters
     * ({@link Site#fired()}, {@link Site#reported()}) are not touched. Meant for test harnesses
     * such as the JUnit extension; a production process never forgets its taint, so this is
     * refused unless test mode is on.
     *
     * @throws IllegalStateException when test mode is off ({@code faultline.test_mode=0}); nothing
     *         is reset then
     */
    public static void resetForTests() {
        if (!policy().testMode()) {
            throw new IllegalStateException("Faultline.resetForTests() is refused: faultline.test_mode is 0,"
                    + " and a process outside tests must keep its taint and counters");
        }
        Core.resetForTests();
    }

    /**
     * Subscribes {@code listener} to every emitted report (see {@link ReportListener} for how
     * it is called). Close the returned registration to unsubscribe.
     */
    public static Registration addListener(ReportListener listener) {
        Boot.ensureBooted();
        return Core.addListener(listener);
    }

    /**
     * This run's crash ring: every report is in it, and the application can add records with
     * {@code Faultline.ring().append(level, logger, message)}. Opened (and earlier runs'
     * rings recovered) when Faultline first initialises; an in-memory ring when no file could be
     * used, and one that records nothing when {@code faultline.ring=0}. Never null, never throws.
     */
    public static dev.faultline.ring.CrashRing ring() {
        Boot.ensureBooted();
        return CrashRings.current();
    }

    /** Random id of this process run (hex); printed in every report next to the pid. */
    public static String runId() {
        Boot.ensureBooted();
        return Core.RUN_ID;
    }

    /** Configuration problems found so far (invalid values, unknown keys), oldest first. */
    public static List<String> configurationProblems() {
        Boot.ensureBooted();
        return Settings.problems();
    }

    /**
     * Sends Faultline's console (report text or JSON, change lines, configuration problems) to
     * {@code stream} instead of standard error; {@code null} sends it back to standard error.
     * For tools that embed Faultline and for tests. The crash ring is not affected.
     */
    public static void setConsoleStream(java.io.PrintStream stream) {
        Console.redirect(stream);
    }

    /**
     * {@code s} as a quoted JSON string, escaped the way report JSON is (every control
     * character escaped); {@code null} gives {@code "null"} in quotes. For integrations that
     * write Faultline's JSON schema.
     */
    public static String jsonString(String s) {
        return Escape.json(s);
    }

    /** Escapes control characters in {@code s} the way reports do; handy for integrations. */
    public static String escape(String s) {
        return Escape.text(s);
    }
}
