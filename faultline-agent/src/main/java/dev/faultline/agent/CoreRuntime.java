package dev.faultline.agent;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One copy of faultline-core as the asserts see it: the handles a rewritten assert links to,
 * built from core's exported API only ({@code Faultline.domain}, {@code DebugDomain.enabled},
 * {@code warnOn}, {@code bugOn}, {@code mode}, {@code DebugDomains.apply}).
 *
 * <p>Everything is looked up by name in the copy's own classes, never linked at compile time:
 * the agent does not know in advance which copy (the application's, in whichever loader, or
 * the one it carries) a class's asserts report to, and the rewritten class itself never names
 * a Faultline type.
 *
 * <p><b>Why the handles, and not a helper method.</b> A report's site is found by walking the
 * stack from the check to the first frame outside Faultline. The handles below are method
 * handle combinators, whose frames the JVM hides from stack traces, so the first frame the
 * walk meets is the asserting method itself at the assert's line: the site is the class and
 * line of the assert, and its signature is stable from run to run. A helper method of the
 * agent in between would become the site of every assert.
 */
final class CoreRuntime {
    private static final MethodType CHECK = MethodType.methodType(boolean.class, boolean.class, String.class);

    final Class<?> faultline;
    /** Where this copy comes from, in words, for the agent's lines. */
    final String where;
    private final MethodHandle domainOf;
    private final MethodHandle enabled;
    private final MethodHandle warnOn;
    private final MethodHandle bugOn;
    private final MethodHandle mode;
    private final Object panic;
    private final MethodHandle debugDomains;
    private final MethodHandle apply;
    private final MethodHandle message;
    private final MethodHandle same;
    private final ConcurrentHashMap<String, Object> domains = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, MethodHandle> enabledByDomain = new ConcurrentHashMap<>();

    private CoreRuntime(Class<?> faultline, String where) throws ReflectiveOperationException {
        this.faultline = faultline;
        this.where = where;
        ClassLoader loader = faultline.getClassLoader();
        Class<?> domain = Class.forName("dev.faultline.DebugDomain", false, loader);
        Class<?> debugMode = Class.forName("dev.faultline.DebugMode", false, loader);
        Class<?> domains = Class.forName("dev.faultline.DebugDomains", false, loader);
        MethodHandles.Lookup pub = MethodHandles.publicLookup();
        domainOf = pub.findStatic(faultline, "domain", MethodType.methodType(domain, String.class));
        enabled = pub.findVirtual(domain, "enabled", MethodType.methodType(boolean.class));
        warnOn = pub.findVirtual(domain, "warnOn", CHECK);
        bugOn = pub.findVirtual(domain, "bugOn", MethodType.methodType(void.class, boolean.class, String.class));
        mode = pub.findVirtual(domain, "mode", MethodType.methodType(debugMode));
        panic = debugMode.getField("PANIC").get(null);
        debugDomains = pub.findStatic(faultline, "debugDomains", MethodType.methodType(domains));
        apply = pub.findVirtual(domains, "apply", MethodType.methodType(List.class, String.class, String.class));
        message = MethodHandles.lookup().findStatic(AssertMessages.class, "of",
                MethodType.methodType(String.class, AssertionError.class));
        same = MethodHandles.lookup().findStatic(Objects.class, "equals",
                MethodType.methodType(boolean.class, Object.class, Object.class));
    }

    /** The runtime of the copy whose {@code dev.faultline.Faultline} is {@code faultline}. */
    static CoreRuntime of(Class<?> faultline, String where) throws ReflectiveOperationException {
        return new CoreRuntime(faultline, where);
    }

    /** {@code ()boolean}: whether {@code domain} is on; one handle per domain, shared by its sites. */
    MethodHandle enabled(String domain) throws Throwable {
        MethodHandle h = enabledByDomain.get(domain);
        if (h == null) {
            // A bound receiver is a constant to the JIT, and through it the domain's switch: while
            // the domain is off the whole assert compiles away, as with -da.
            h = enabled.bindTo(domain(domain));
            MethodHandle raced = enabledByDomain.putIfAbsent(domain, h);
            h = raced != null ? raced : h;
        }
        return h;
    }

    /**
     * {@code (AssertionError)void}: in mode panic a {@code bugOn} (a BUG: the process panics
     * with its evidence), in every other mode a {@code warnOn}, which warns (warn), warns once
     * per site (once) or does nothing (off), with the assert's detail as the message.
     */
    MethodHandle fired(String domain) throws Throwable {
        Object d = domain(domain);
        MethodHandle warn = MethodHandles.filterArguments(
                MethodHandles.insertArguments(warnOn.bindTo(d), 0, true), 0, message);
        warn = warn.asType(MethodType.methodType(void.class, AssertionError.class));
        MethodHandle bug = MethodHandles.filterArguments(
                MethodHandles.insertArguments(bugOn.bindTo(d), 0, true), 0, message);
        MethodHandle isPanic = MethodHandles.filterReturnValue(mode.bindTo(d),
                MethodHandles.insertArguments(same, 1, panic).asType(MethodType.methodType(boolean.class, mode.type().returnType())));
        isPanic = MethodHandles.dropArguments(isPanic, 0, AssertionError.class);
        return MethodHandles.guardWithTest(isPanic, bug, warn);
    }

    /** Applies {@code spec} through {@code DebugDomains.apply}; returns its problem lines. */
    @SuppressWarnings("unchecked")
    List<String> apply(String spec, String channel) throws Throwable {
        return (List<String>) apply.invoke(debugDomains.invoke(), spec, channel);
    }

    private Object domain(String name) throws Throwable {
        Object d = domains.get(name);
        if (d == null) {
            d = domainOf.invoke(name);
            Object raced = domains.putIfAbsent(name, d);
            d = raced != null ? raced : d;
        }
        return d;
    }
}
