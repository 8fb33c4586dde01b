package dev.faultline.agent.bridge;

import java.lang.invoke.CallSite;
import java.lang.invoke.ConstantCallSite;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bootstrap methods of rewritten assert statements.
 *
 * <p><b>Why it lives on the bootstrap class path.</b> A rewritten class names this class in its
 * {@code invokedynamic} instructions, and the JVM resolves that name through the rewritten
 * class's own loader. Every loader delegates to the bootstrap loader, so a class of any loader
 * (the application's, a web application's, a plug-in's) finds the same one bridge; the rest of
 * the agent and Faultline itself stay out of the bootstrap loader. The rewritten code names
 * nothing else that is not a JDK type, so it never needs to see Faultline's classes: the
 * handles the linker returns may point into whichever copy of Faultline is the runtime.
 *
 * <p><b>Never throws.</b> A bootstrap method that throws becomes a
 * {@code BootstrapMethodError} in the application's code. When there is no linker, or it
 * fails, the site is linked as if asserts were disabled ({@code enabled} is a constant false,
 * {@code fired} does nothing), and one line on stderr says so (at most
 * {@value #MAX_LINES} such lines).
 */
public final class AssertBridge {
    static final int MAX_LINES = 20;
    private static final AtomicInteger LINES = new AtomicInteger();
    private static volatile AssertLinker linker;

    private AssertBridge() {}

    /** Installs the process's one linker; returns false (and changes nothing) when one is installed already. */
    public static synchronized boolean install(AssertLinker l) {
        if (linker != null) {
            return false;
        }
        linker = l;
        return true;
    }

    /** The installed linker, or null. */
    public static AssertLinker installed() {
        return linker;
    }

    /** Links {@code ()Z}: whether the assert's domain is on. */
    public static CallSite enabled(MethodHandles.Lookup caller, String name, MethodType type, String domain) {
        MethodHandle h = null;
        try {
            AssertLinker l = linker;
            h = l == null ? null : l.enabled(caller.lookupClass(), domain);
            if (h != null && !h.type().equals(type)) {
                h = h.asType(type);
            }
        } catch (Throwable e) {
            h = null;
            unlinked(caller, domain, e);
        }
        if (h == null) {
            h = MethodHandles.dropArguments(MethodHandles.constant(boolean.class, false), 0, type.parameterList());
        }
        return new ConstantCallSite(h);
    }

    /** Links {@code (AssertionError)V}: reports a failed assert. */
    public static CallSite fired(MethodHandles.Lookup caller, String name, MethodType type, String domain) {
        MethodHandle h = null;
        try {
            AssertLinker l = linker;
            h = l == null ? null : l.fired(caller.lookupClass(), domain);
            if (h != null && !h.type().equals(type)) {
                h = h.asType(type);
            }
        } catch (Throwable e) {
            h = null;
            unlinked(caller, domain, e);
        }
        if (h == null) {
            h = MethodHandles.empty(type);
        }
        return new ConstantCallSite(h);
    }

    private static void unlinked(MethodHandles.Lookup caller, String domain, Throwable e) {
        try {
            int n = LINES.incrementAndGet();
            if (n <= MAX_LINES) {
                System.err.println(clean("faultline-agent: an assert of " + caller.lookupClass().getName() + " (domain "
                        + domain + ") could not be linked (" + e + "); it acts as if asserts were disabled"
                        + (n == MAX_LINES ? "; further such lines are not printed" : "")));
            }
        } catch (Throwable ignored) {
            // Nothing more to do: the site is linked off either way.
        }
    }

    /** One line: control characters (a forged newline among them) are shown as {@code ?}. */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }
}
