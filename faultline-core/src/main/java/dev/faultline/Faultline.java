package dev.faultline;

import dev.faultline.internal.boot.Boot;
import dev.faultline.internal.config.AppName;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.hang.HangReports;
import dev.faultline.internal.hang.Watchdogs;
import dev.faultline.internal.panic.Panic;
import dev.faultline.internal.ring.CrashRings;
import dev.faultline.internal.panic.Escalation;
import dev.faultline.internal.runtime.CallerSites;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.runtime.Taints;
import dev.faultline.internal.runtime.Counters;
import dev.faultline.internal.text.Escape;
import dev.faultline.report.ReportKind;
import dev.faultline.report.ReportListener;
import dev.faultline.report.SiteStats;
import dev.faultline.report.Taint;
import dev.faultline.ring.RecoveredRun;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import dev.faultline.report.Report;

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
 *
 * <p>This file is long on purpose: the static convenience checks repeat the overload families
 * of {@link Site} (see there why they are families of fixed arities, not varargs).
 */
public final class Faultline {
    private static final CallerSites<Site> CALLERS = new CallerSites<>(key -> new Site(key, CallerSites.ownerClass(key)),
            // The overflow site stands for any number of call lines, so it is rate-limited.
            key -> new Site(key, "?", RateLimit.processDefault()));

    /**
     * How many sites {@link #sites()} lists at most (16,384): the size of the site table, which
     * integrations that keep something per site (meters, signatures) bound themselves by.
     */
    public static final int MAX_LISTED_SITES = 16_384;

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
            Settings.problem("site " + Escape.cut(site) + " was declared with a null rate limit; the process default "
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
    // The same overload families as Site (and DebugDomain), each a branch and nothing else while
    // the check passes; the calling line is looked up only when the check fires.

    /**
     * Convenience {@link Site#warnOn(boolean)} for cold code: the site is the calling source
     * line, found by a stack walk only when the check fires. At most 4096 distinct lines get
     * their own site; later ones share an overflow site, which is rate-limited by
     * {@link RateLimit#processDefault()} because it stands for any number of lines.
     */
    public static boolean warnOn(boolean condition) {
        if (condition) {
            CALLERS.forCaller().warnOn(true);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with a fixed message (not treated as a template). */
    public static boolean warnOn(boolean condition, String message) {
        if (condition) {
            CALLERS.forCaller().warnOn(true, message);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with a message template ({@code %s} placeholders) and one argument. */
    public static boolean warnOn(boolean condition, String template, Object arg) {
        if (condition) {
            CALLERS.forCaller().warnOn(true, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with one {@code long} argument, not boxed. */
    public static boolean warnOn(boolean condition, String template, long arg) {
        if (condition) {
            CALLERS.forCaller().warnOn(true, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with two arguments. */
    public static boolean warnOn(boolean condition, String template, Object arg1, Object arg2) {
        if (condition) {
            CALLERS.forCaller().warnOn(true, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with two {@code long} arguments, not boxed. */
    public static boolean warnOn(boolean condition, String template, long arg1, long arg2) {
        if (condition) {
            CALLERS.forCaller().warnOn(true, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    public static boolean warnOn(boolean condition, String template, long arg1, Object arg2) {
        if (condition) {
            CALLERS.forCaller().warnOn(true, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    public static boolean warnOn(boolean condition, String template, Object arg1, long arg2) {
        if (condition) {
            CALLERS.forCaller().warnOn(true, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with three arguments. */
    public static boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            CALLERS.forCaller().warnOn(true, template, arg1, arg2, arg3);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with four arguments. */
    public static boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            CALLERS.forCaller().warnOn(true, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    public static boolean warnOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition) {
            CALLERS.forCaller().warnOn(true, template, arg1, arg2, arg3, arg4, more);
        }
        return condition;
    }

    /** As {@link #warnOn(boolean)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    public static boolean warnOn(boolean condition, Supplier<String> message) {
        if (condition) {
            CALLERS.forCaller().warnOn(true, message);
        }
        return condition;
    }

    /**
     * Convenience {@link Site#warnOnce(boolean)} for cold code: the site is the calling source
     * line, found by a stack walk only when the check fires. At most 4096 distinct lines get
     * their own site; later ones share an overflow site, which is rate-limited by
     * {@link RateLimit#processDefault()} because it stands for any number of lines.
     */
    public static boolean warnOnce(boolean condition) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with a fixed message (not treated as a template). */
    public static boolean warnOnce(boolean condition, String message) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true, message);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with a message template ({@code %s} placeholders) and one argument. */
    public static boolean warnOnce(boolean condition, String template, Object arg) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with one {@code long} argument, not boxed. */
    public static boolean warnOnce(boolean condition, String template, long arg) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with two arguments. */
    public static boolean warnOnce(boolean condition, String template, Object arg1, Object arg2) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with two {@code long} arguments, not boxed. */
    public static boolean warnOnce(boolean condition, String template, long arg1, long arg2) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    public static boolean warnOnce(boolean condition, String template, long arg1, Object arg2) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    public static boolean warnOnce(boolean condition, String template, Object arg1, long arg2) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with three arguments. */
    public static boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true, template, arg1, arg2, arg3);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with four arguments. */
    public static boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    public static boolean warnOnce(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true, template, arg1, arg2, arg3, arg4, more);
        }
        return condition;
    }

    /** As {@link #warnOnce(boolean)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    public static boolean warnOnce(boolean condition, Supplier<String> message) {
        if (condition) {
            CALLERS.forCaller().warnOnce(true, message);
        }
        return condition;
    }

    /**
     * Convenience {@link Site#bugOn(boolean)} for cold code: the site is the calling source
     * line, found by a stack walk only when the check fires. At most 4096 distinct lines get
     * their own site; later ones share an overflow site, which is rate-limited by
     * {@link RateLimit#processDefault()} because it stands for any number of lines.
     */
    public static void bugOn(boolean condition) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOn(true);
        }
    }

    /** As {@link #bugOn(boolean)}, with a fixed message (not treated as a template). */
    public static void bugOn(boolean condition, String message) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOn(true, message);
        }
    }

    /** As {@link #bugOn(boolean)}, with a message template ({@code %s} placeholders) and one argument. */
    public static void bugOn(boolean condition, String template, Object arg) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOn(true, template, arg);
        }
    }

    /** As {@link #bugOn(boolean)}, with one {@code long} argument, not boxed. */
    public static void bugOn(boolean condition, String template, long arg) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOn(true, template, arg);
        }
    }

    /** As {@link #bugOn(boolean)}, with two arguments. */
    public static void bugOn(boolean condition, String template, Object arg1, Object arg2) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOn(true, template, arg1, arg2);
        }
    }

    /** As {@link #bugOn(boolean)}, with two {@code long} arguments, not boxed. */
    public static void bugOn(boolean condition, String template, long arg1, long arg2) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOn(true, template, arg1, arg2);
        }
    }

    /** As {@link #bugOn(boolean)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    public static void bugOn(boolean condition, String template, long arg1, Object arg2) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOn(true, template, arg1, arg2);
        }
    }

    /** As {@link #bugOn(boolean)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    public static void bugOn(boolean condition, String template, Object arg1, long arg2) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOn(true, template, arg1, arg2);
        }
    }

    /** As {@link #bugOn(boolean)}, with three arguments. */
    public static void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOn(true, template, arg1, arg2, arg3);
        }
    }

    /** As {@link #bugOn(boolean)}, with four arguments. */
    public static void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOn(true, template, arg1, arg2, arg3, arg4);
        }
    }

    /** As {@link #bugOn(boolean)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    public static void bugOn(boolean condition, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOn(true, template, arg1, arg2, arg3, arg4, more);
        }
    }

    /** As {@link #bugOn(boolean)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    public static void bugOn(boolean condition, Supplier<String> message) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOn(true, message);
        }
    }

    /**
     * Convenience {@link Site#warnOnObject(boolean, Object)} for cold code: the site is the calling source
     * line, found by a stack walk only when the check fires. At most 4096 distinct lines get
     * their own site; later ones share an overflow site, which is rate-limited by
     * {@link RateLimit#processDefault()} because it stands for any number of lines.
     */
    public static boolean warnOnObject(boolean condition, Object object) {
        if (condition) {
            CALLERS.forCaller().warnOnObject(true, object);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with a fixed message (not treated as a template). */
    public static boolean warnOnObject(boolean condition, Object object, String message) {
        if (condition) {
            CALLERS.forCaller().warnOnObject(true, object, message);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with a message template ({@code %s} placeholders) and one argument. */
    public static boolean warnOnObject(boolean condition, Object object, String template, Object arg) {
        if (condition) {
            CALLERS.forCaller().warnOnObject(true, object, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with one {@code long} argument, not boxed. */
    public static boolean warnOnObject(boolean condition, Object object, String template, long arg) {
        if (condition) {
            CALLERS.forCaller().warnOnObject(true, object, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with two arguments. */
    public static boolean warnOnObject(boolean condition, Object object, String template, Object arg1, Object arg2) {
        if (condition) {
            CALLERS.forCaller().warnOnObject(true, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with two {@code long} arguments, not boxed. */
    public static boolean warnOnObject(boolean condition, Object object, String template, long arg1, long arg2) {
        if (condition) {
            CALLERS.forCaller().warnOnObject(true, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    public static boolean warnOnObject(boolean condition, Object object, String template, long arg1, Object arg2) {
        if (condition) {
            CALLERS.forCaller().warnOnObject(true, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    public static boolean warnOnObject(boolean condition, Object object, String template, Object arg1, long arg2) {
        if (condition) {
            CALLERS.forCaller().warnOnObject(true, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with three arguments. */
    public static boolean warnOnObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            CALLERS.forCaller().warnOnObject(true, object, template, arg1, arg2, arg3);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with four arguments. */
    public static boolean warnOnObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            CALLERS.forCaller().warnOnObject(true, object, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    public static boolean warnOnObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition) {
            CALLERS.forCaller().warnOnObject(true, object, template, arg1, arg2, arg3, arg4, more);
        }
        return condition;
    }

    /** As {@link #warnOnObject(boolean, Object)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    public static boolean warnOnObject(boolean condition, Object object, Supplier<String> message) {
        if (condition) {
            CALLERS.forCaller().warnOnObject(true, object, message);
        }
        return condition;
    }

    /**
     * Convenience {@link Site#warnOnceObject(boolean, Object)} for cold code: the site is the calling source
     * line, found by a stack walk only when the check fires. At most 4096 distinct lines get
     * their own site; later ones share an overflow site, which is rate-limited by
     * {@link RateLimit#processDefault()} because it stands for any number of lines.
     */
    public static boolean warnOnceObject(boolean condition, Object object) {
        if (condition) {
            CALLERS.forCaller().warnOnceObject(true, object);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with a fixed message (not treated as a template). */
    public static boolean warnOnceObject(boolean condition, Object object, String message) {
        if (condition) {
            CALLERS.forCaller().warnOnceObject(true, object, message);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with a message template ({@code %s} placeholders) and one argument. */
    public static boolean warnOnceObject(boolean condition, Object object, String template, Object arg) {
        if (condition) {
            CALLERS.forCaller().warnOnceObject(true, object, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with one {@code long} argument, not boxed. */
    public static boolean warnOnceObject(boolean condition, Object object, String template, long arg) {
        if (condition) {
            CALLERS.forCaller().warnOnceObject(true, object, template, arg);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with two arguments. */
    public static boolean warnOnceObject(boolean condition, Object object, String template, Object arg1, Object arg2) {
        if (condition) {
            CALLERS.forCaller().warnOnceObject(true, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with two {@code long} arguments, not boxed. */
    public static boolean warnOnceObject(boolean condition, Object object, String template, long arg1, long arg2) {
        if (condition) {
            CALLERS.forCaller().warnOnceObject(true, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    public static boolean warnOnceObject(boolean condition, Object object, String template, long arg1, Object arg2) {
        if (condition) {
            CALLERS.forCaller().warnOnceObject(true, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    public static boolean warnOnceObject(boolean condition, Object object, String template, Object arg1, long arg2) {
        if (condition) {
            CALLERS.forCaller().warnOnceObject(true, object, template, arg1, arg2);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with three arguments. */
    public static boolean warnOnceObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            CALLERS.forCaller().warnOnceObject(true, object, template, arg1, arg2, arg3);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with four arguments. */
    public static boolean warnOnceObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            CALLERS.forCaller().warnOnceObject(true, object, template, arg1, arg2, arg3, arg4);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    public static boolean warnOnceObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition) {
            CALLERS.forCaller().warnOnceObject(true, object, template, arg1, arg2, arg3, arg4, more);
        }
        return condition;
    }

    /** As {@link #warnOnceObject(boolean, Object)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    public static boolean warnOnceObject(boolean condition, Object object, Supplier<String> message) {
        if (condition) {
            CALLERS.forCaller().warnOnceObject(true, object, message);
        }
        return condition;
    }

    /**
     * Convenience {@link Site#bugOnObject(boolean, Object)} for cold code: the site is the calling source
     * line, found by a stack walk only when the check fires. At most 4096 distinct lines get
     * their own site; later ones share an overflow site, which is rate-limited by
     * {@link RateLimit#processDefault()} because it stands for any number of lines.
     */
    public static void bugOnObject(boolean condition, Object object) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOnObject(true, object);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with a fixed message (not treated as a template). */
    public static void bugOnObject(boolean condition, Object object, String message) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOnObject(true, object, message);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with a message template ({@code %s} placeholders) and one argument. */
    public static void bugOnObject(boolean condition, Object object, String template, Object arg) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOnObject(true, object, template, arg);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with one {@code long} argument, not boxed. */
    public static void bugOnObject(boolean condition, Object object, String template, long arg) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOnObject(true, object, template, arg);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with two arguments. */
    public static void bugOnObject(boolean condition, Object object, String template, Object arg1, Object arg2) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOnObject(true, object, template, arg1, arg2);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with two {@code long} arguments, not boxed. */
    public static void bugOnObject(boolean condition, Object object, String template, long arg1, long arg2) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOnObject(true, object, template, arg1, arg2);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with a {@code long} and an object argument; the {@code long} is not boxed by a passing check. */
    public static void bugOnObject(boolean condition, Object object, String template, long arg1, Object arg2) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOnObject(true, object, template, arg1, arg2);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with an object and a {@code long} argument; the {@code long} is not boxed by a passing check. */
    public static void bugOnObject(boolean condition, Object object, String template, Object arg1, long arg2) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOnObject(true, object, template, arg1, arg2);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with three arguments. */
    public static void bugOnObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOnObject(true, object, template, arg1, arg2, arg3);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with four arguments. */
    public static void bugOnObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3, Object arg4) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOnObject(true, object, template, arg1, arg2, arg3, arg4);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, with five or more arguments. The fixed-arity forms come first (Guava's pattern): only from the fifth argument on does the compiler build an array, at every call, passing or not; on a hot path use the {@link Supplier} form. */
    public static void bugOnObject(boolean condition, Object object, String template, Object arg1, Object arg2, Object arg3, Object arg4, Object... more) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOnObject(true, object, template, arg1, arg2, arg3, arg4, more);
        }
    }

    /** As {@link #bugOnObject(boolean, Object)}, the message is built by {@code message} only when the check fires and reports; a supplier that throws gives the message {@code <threw X>}. */
    public static void bugOnObject(boolean condition, Object object, Supplier<String> message) {
        if (condition) {
            Escalation.claimBug(null); // first: finding the calling line may run out of stack
            CALLERS.forCaller().bugOnObject(true, object, message);
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
        return Taints.taints();
    }

    /** The kernel-style taint line: {@code Not tainted} or {@code Tainted: W (...)}. */
    public static String taintLine() {
        Boot.ensureBooted();
        return Taint.line(Taints.taints());
    }

    /** Reported warnings in this process (suppressed firings are not counted). */
    public static long warnCount() {
        Boot.ensureBooted();
        return Counters.warnCount();
    }

    /** Threads that died of uncaught exceptions, as counted by Faultline. */
    public static long oopsCount() {
        Boot.ensureBooted();
        return Counters.oopsCount();
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

    /**
     * Holds back Faultline's clean-shutdown work until the returned registration is closed: at a
     * clean JVM exit Faultline's shutdown hook flushes suppressed counts, prints what is left and
     * forces the crash ring and marks it clean, but JVM shutdown hooks run concurrently, so a
     * framework that still closes the application in its own hook (and logs into the ring) would
     * write records after the clean mark, and the next start would archive the run as a crash.
     * The hook waits for every open deferral, each for at most {@code maxWait} counted from when
     * the hook starts waiting; one that runs out is named in one console line and the work goes
     * on. Open one while the framework runs and close it when its shutdown is done. Closing is
     * idempotent; a deferral closed before the JVM shuts down has no effect.
     *
     * @param name    names the deferral in that line (e.g. {@code spring-boot})
     * @param maxWait how long the hook waits at most; negative reads as zero
     * @throws NullPointerException if {@code name} or {@code maxWait} is null
     */
    public static Registration deferCleanShutdown(String name, java.time.Duration maxWait) {
        java.util.Objects.requireNonNull(name, "name");
        long nanos;
        try {
            nanos = maxWait.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE / 2;
        }
        Boot.ensureBooted();
        Runnable end = dev.faultline.internal.runtime.Shutdown.defer(name, nanos);
        return end::run;
    }

    // ---- hangs -------------------------------------------------------------------------

    /**
     * A soft-lockup watchdog named {@code name} for the loop running on the calling thread (see
     * {@link Watchdog}): the loop calls {@link Watchdog#touch()} as it makes progress and
     * {@link Watchdog#idle()} before it waits for work; going longer than {@code timeout}
     * without either, while not idle, is reported as a {@link ReportKind#LOCKUP} with this
     * thread's stack at that moment, and the end of it as a {@link ReportKind#NOTICE}. Starts
     * Faultline's checker thread if it is not running. At most 4,096 live watchdogs are checked;
     * past that, one made still works but is not checked (one line says so).
     *
     * @throws NullPointerException     if {@code name} or {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is shorter than 100 ms (the checker
     *                                  looks at a watchdog four times per timeout)
     */
    public static Watchdog watchdog(String name, java.time.Duration timeout) {
        java.util.Objects.requireNonNull(name, "name");
        java.util.Objects.requireNonNull(timeout, "timeout");
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE / 2;
        }
        Boot.ensureBooted();
        return Watchdogs.create(name, nanos);
    }

    /**
     * How many reports of {@code kind} the hang detectors have made in this process:
     * {@link ReportKind#DEADLOCK}, {@link ReportKind#HUNG} (the kernel's
     * {@code hung_task_detect_count}), {@link ReportKind#LOCKUP} or {@link ReportKind#STALL};
     * 0 for any other kind. Never throws.
     */
    public static long hangCount(ReportKind kind) {
        Boot.ensureBooted();
        return HangReports.count(kind);
    }

    /** Kernel {@code clear_warn_once}: every {@code warnOnce} site may report once more. */
    public static void clearWarnOnce() {
        Boot.ensureBooted();
        Counters.clearWarnOnce();
    }

    /**
     * Gives a test a fresh process state: the warn count and oops count go back to 0, the taint
     * acquired in test mode is cleared and every {@code warnOnce} site may report once more.
     * Per-site counters ({@link Site#fired()}, {@link Site#reported()}) are not touched. Meant
     * for test harnesses such as the JUnit extension; a production process never forgets its
     * taint, so this is refused unless test mode is on, and every taint acquired while test mode
     * was off (the process's production history) is kept.
     *
     * @throws IllegalStateException when test mode is off ({@code faultline.test_mode=0}); nothing
     *         is reset then
     */
    public static void resetForTests() {
        if (!policy().testMode()) {
            throw new IllegalStateException("Faultline.resetForTests() is refused: faultline.test_mode is 0,"
                    + " and a process outside tests must keep its taint and counters");
        }
        Counters.resetForTests();
    }

    /**
     * Subscribes {@code listener} to emitted reports, called on Faultline's
     * {@code faultline-listeners} thread, never on the thread that raised the report (see
     * {@link ReportListener}); a report it will never get because the listeners fell behind is
     * counted and told to it through {@link ReportListener#onMissed}. Close the returned
     * registration to unsubscribe.
     *
     * @throws IllegalArgumentException if {@code listener} is null
     */
    public static Registration addListener(ReportListener listener) {
        Boot.ensureBooted();
        return Core.addListener(listener);
    }

    /**
     * Subscribes {@code listener} as a <em>synchronous</em> listener: it is called on the thread
     * that raised the report, right after the report was written to the crash ring and before it
     * is printed, for every report (none is dropped, whatever the console's speed). It therefore
     * adds its own time to every firing: use it only where the report must be seen before the
     * raising call returns (the JUnit extension attributes a report to the test running on that
     * thread at that moment). During a panic it runs within the panic report's 5 s budget. A
     * listener that throws is reported in one line and the others still run; a check fired
     * inside it is recorded and printed, but not fed back to listeners.
     *
     * @throws IllegalArgumentException if {@code listener} is null
     */
    public static Registration addSynchronousListener(ReportListener listener) {
        Boot.ensureBooted();
        return Core.addSynchronousListener(listener);
    }

    /**
     * Waits until every report emitted before this call has been handed to the listeners and
     * printed, for at most {@code timeout}. Returns true when it has; false on timeout, when
     * called from a listener or the console's printer thread, or while a panic is in progress.
     * Faultline does this itself at clean shutdown (for at most 5 s).
     *
     * @throws NullPointerException if {@code timeout} is null
     */
    public static boolean awaitPrinted(java.time.Duration timeout) {
        Boot.ensureBooted();
        long nanos;
        try {
            nanos = timeout.toNanos();
        } catch (ArithmeticException e) {
            nanos = Long.MAX_VALUE / 2;
        }
        return Core.awaitPrinted(nanos);
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

    /**
     * This application's name ({@code faultline.app}; by default the main class, else the
     * {@code -jar} file's name without {@code .jar}), sanitised to letters, digits, {@code .},
     * {@code _} and {@code -}, at most 48 characters. It is in every report, in the crash ring's
     * header and in archive names, and names the default crash directory. Never empty, never throws.
     */
    public static String app() {
        Boot.ensureBooted();
        return AppName.current();
    }

    /**
     * Recovers and archives, as a start-up does, the crash rings in directory {@code dir} whose
     * runs are no longer alive, of <em>every</em> application (a start takes only its own
     * application's rings): each ring is claimed by an atomic rename, so a run is never archived
     * twice, archived into {@code dir/archive/<start>-<app>-<pid>-<run>/} (ring.bin and
     * ring.txt), and the {@code faultline.archive_keep} newest archives are kept. One line per
     * recovered run goes to Faultline's console. Rings of live runs and rings that ended cleanly
     * are not archived (a clean one is removed). Never throws: a directory that cannot be used
     * gives an empty list and one line saying why.
     *
     * @return the runs recovered, in the order they were taken
     */
    public static List<RecoveredRun> recoverRings(java.nio.file.Path dir) {
        Boot.ensureBooted();
        return CrashRings.recoverAny(dir);
    }

    /** Configuration problems found so far (invalid values, unknown keys), oldest first. */
    public static List<String> configurationProblems() {
        Boot.ensureBooted();
        return Settings.problems();
    }

    /**
     * The earlier runs of this crash directory that ended without a clean shutdown (crashed,
     * killed, halted) and whose rings this process recovered and archived when it started, in
     * the order they were taken; empty when there were none or the crash ring is off. Each was
     * also announced by one console line. Boots the runtime. Never throws.
     */
    public static List<RecoveredRun> recoveredRuns() {
        Boot.ensureBooted();
        return CrashRings.recovered();
    }

    /**
     * A snapshot of every site this process declared — named sites, the call lines of the
     * convenience form and of debug domains — with its counters, in declaration order. At most
     * {@value #MAX_LISTED_SITES} sites are listed (sites are meant to be declared once; see
     * {@link #unlistedSites()}). Counters of different sites are read one after another, not
     * atomically together. Never throws.
     */
    public static List<SiteStats> sites() {
        return SiteRegistry.snapshot();
    }

    /** How many sites were declared past the {@value #MAX_LISTED_SITES} that {@link #sites()} lists; they work as usual. */
    public static long unlistedSites() {
        return SiteRegistry.unlisted();
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
