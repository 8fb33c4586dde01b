package dev.faultline.agent;

import dev.faultline.agent.bridge.AssertLinker;
import java.lang.invoke.MethodHandle;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Decides which Faultline runtime each rewritten class's asserts report to, and links them.
 *
 * <p><b>One runtime.</b> A Faultline runtime is one copy of faultline-core's classes: its crash
 * ring, its domains, its JMX bean. The rule, for the class whose assert is being linked:
 * <ol>
 *   <li>if the class's own loader sees a {@code dev.faultline.Faultline}, that copy: it is the
 *       one the class's own code (and so the application) uses, whichever loader it lives in;</li>
 *   <li>otherwise the runtime the agent linked first, if any;</li>
 *   <li>otherwise the system class loader's copy, if the application has one;</li>
 *   <li>otherwise the copy the agent carries ({@link BundledCore}), defined in a loader of its
 *       own only at this moment.</li>
 * </ol>
 * So the agent never starts a runtime of its own while the asserting code can see one, and all
 * the asserts that can see none share one. The one case left with two is an application that
 * itself carries faultline-core where some asserting classes cannot see it (a library in a
 * parent loader, core in a child); the agent then says so in one line naming both.
 *
 * <p><b>Nothing kept alive.</b> A runtime is remembered in a {@link ClassValue} of its own
 * {@code Faultline} class and otherwise only weakly, so a web application's loader that carried
 * its own faultline-core can still be collected after it is undeployed.
 *
 * <p><b>The agent's spec.</b> A spec given as the agent's argument is applied to each runtime
 * when the agent first links to it (so after {@code faultline.debug}, as if appended to it), or
 * at once by {@link #applyNow} when the agent is loaded into a running JVM.
 */
final class CoreLinker implements AssertLinker {
    static final String FAULTLINE = "dev.faultline.Faultline";
    static final String CHANNEL = "faultline-agent";

    private final URL agentJar;
    private final ClassValue<CoreRuntime[]> runtimeOf = new ClassValue<>() {
        @Override
        protected CoreRuntime[] computeValue(Class<?> type) {
            return new CoreRuntime[1];
        }
    };
    /** Every runtime linked so far, weakly. Guarded by this. */
    private final List<WeakReference<CoreRuntime>> runtimes = new ArrayList<>();
    private final Map<ClassLoader, Boolean> announcedLoaders = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile WeakReference<CoreRuntime> first = new WeakReference<>(null);
    private volatile String spec;
    private BundledCore bundled;

    CoreLinker(URL agentJar, String spec) {
        this.agentJar = agentJar;
        this.spec = spec;
    }

    @Override
    public MethodHandle enabled(Class<?> caller, String domain) {
        try {
            return runtimeFor(caller).enabled(domain);
        } catch (Throwable e) {
            throw new IllegalStateException("no Faultline runtime for " + domain + ": " + e, e);
        }
    }

    @Override
    public MethodHandle fired(Class<?> caller, String domain) {
        try {
            return runtimeFor(caller).fired(domain);
        } catch (Throwable e) {
            throw new IllegalStateException("no Faultline runtime for " + domain + ": " + e, e);
        }
    }

    /** The runtime for {@code caller}'s asserts (see the class comment). */
    CoreRuntime runtimeFor(Class<?> caller) throws Throwable {
        ClassLoader loader = caller.getClassLoader();
        Class<?> own = visibleCore(loader);
        if (own != null) {
            return runtime(own, "the application's faultline-core (" + loaderName(own.getClassLoader()) + ")", loader);
        }
        CoreRuntime f = first.get();
        if (f != null) {
            return f;
        }
        synchronized (this) {
            f = first.get();
            if (f != null) {
                return f;
            }
            Class<?> system = visibleCore(ClassLoader.getSystemClassLoader());
            if (system != null) {
                return runtime(system, "the application's faultline-core (" + loaderName(system.getClassLoader()) + ")",
                        loader);
            }
            if (bundled == null) {
                bundled = BundledCore.open(agentJar);
            }
            return runtime(Class.forName(FAULTLINE, false, bundled), "the agent's own copy of faultline-core"
                    + " (the application has none that its asserting classes can see)", loader);
        }
    }

    private synchronized CoreRuntime runtime(Class<?> faultline, String where, ClassLoader asker) throws Throwable {
        CoreRuntime[] slot = runtimeOf.get(faultline);
        CoreRuntime rt = slot[0];
        if (rt != null) {
            return rt;
        }
        rt = CoreRuntime.of(faultline, where);
        slot[0] = rt;
        runtimes.removeIf(r -> r.get() == null);
        runtimes.add(new WeakReference<>(rt));
        CoreRuntime f = first.get();
        if (f == null) {
            first = new WeakReference<>(rt);
            AgentLines.line("assert statements report to " + where);
        } else if (announcedLoaders.put(asker, Boolean.TRUE) == null) {
            AgentLines.line("a second Faultline runtime: classes of " + loaderName(asker) + " report to " + where
                    + ", not to " + f.where + " (each is a separate crash ring and set of domains)");
        }
        applyTo(rt, spec);
        return rt;
    }

    /**
     * Applies {@code newSpec} (the argument of a later {@code faultline agent}) to the runtimes
     * linked so far, or, when none is yet, to the system class loader's copy if the application
     * has one; otherwise keeps it for the first runtime linked. Returns what happened, in words.
     */
    synchronized String applyNow(String newSpec) {
        spec = join(spec, newSpec);
        if (newSpec == null || newSpec.isBlank()) {
            return "";
        }
        try {
            runtimes.removeIf(r -> r.get() == null);
            if (runtimes.isEmpty()) {
                Class<?> system = visibleCore(ClassLoader.getSystemClassLoader());
                if (system == null) {
                    return "the spec applies when a rewritten assert first runs (the application has no Faultline"
                            + " runtime yet)";
                }
                runtime(system, "the application's faultline-core (" + loaderName(system.getClassLoader()) + ")",
                        ClassLoader.getSystemClassLoader()); // applies the whole spec
                return "spec applied";
            }
            for (WeakReference<CoreRuntime> r : new ArrayList<>(runtimes)) {
                CoreRuntime rt = r.get();
                if (rt != null) {
                    applyTo(rt, newSpec);
                }
            }
            return "spec applied";
        } catch (Throwable e) {
            AgentLines.line("the spec could not be applied: " + e);
            return "the spec could not be applied: " + e;
        }
    }

    private static void applyTo(CoreRuntime rt, String spec) {
        if (spec == null || spec.isBlank()) {
            return;
        }
        try {
            List<String> problems = rt.apply(spec, CHANNEL);
            for (String p : problems) {
                AgentLines.line("the agent's spec: " + p + "; entry skipped, the other entries apply");
            }
        } catch (Throwable e) {
            AgentLines.line("the agent's spec could not be applied to " + rt.where + ": " + e);
        }
    }

    private static String join(String a, String b) {
        if (a == null || a.isBlank()) {
            return b;
        }
        return b == null || b.isBlank() ? a : a + "," + b;
    }

    /** The {@code dev.faultline.Faultline} that {@code loader} resolves, or null. */
    static Class<?> visibleCore(ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        try {
            return Class.forName(FAULTLINE, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    static String loaderName(ClassLoader loader) {
        if (loader == null) {
            return "the bootstrap class loader";
        }
        if (loader == ClassLoader.getSystemClassLoader()) {
            return "the system class loader";
        }
        String name = loader.getName();
        return "class loader " + (name != null ? name : loader.getClass().getName()) + "@"
                + Integer.toHexString(System.identityHashCode(loader));
    }
}
