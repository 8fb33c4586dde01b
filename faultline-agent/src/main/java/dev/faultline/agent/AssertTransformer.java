package dev.faultline.agent;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands the classes in scope to {@link AssertRewriter}, at class load and at retransformation.
 *
 * <p>It never fails a class load: whatever goes wrong (a class file ASM cannot read, a method
 * that would grow past the JVM's limit, a loader that cannot see the bridge, an error of the
 * agent's own), the class is left exactly as it was and one line says which class and why (at
 * most {@value #MAX_PROBLEM_LINES} such lines; the count of the rest is in the summary).
 *
 * <p>It never touches the JDK: classes of the bootstrap and platform loaders, and of the JDK's
 * own modules wherever they are loaded, are passed over before anything else is looked at.
 */
final class AssertTransformer implements ClassFileTransformer {
    static final int MAX_PROBLEM_LINES = 100;

    private final Class<?> bridge;
    private volatile AssertScope scope;
    private final AtomicLong classes = new AtomicLong();
    private final AtomicLong asserts = new AtomicLong();
    private final AtomicLong unchanged = new AtomicLong();
    private final AtomicInteger problemLines = new AtomicInteger();
    private final Map<ClassLoader, Boolean> seesBridge = Collections.synchronizedMap(new WeakHashMap<>());

    AssertTransformer(Class<?> bridge, AssertScope scope) {
        this.bridge = bridge;
        this.scope = scope;
    }

    AssertScope scope() {
        return scope;
    }

    void widen(AssertScope more) {
        scope = scope.plus(more);
    }

    long classesRewritten() {
        return classes.get();
    }

    long assertsRewritten() {
        return asserts.get();
    }

    long classesLeftUnchanged() {
        return unchanged.get();
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String className, Class<?> redefined,
            ProtectionDomain domain, byte[] classFile) {
        try {
            if (module != null && module.isNamed() && module.getLayer() == ModuleLayer.boot()) {
                String m = module.getName();
                if (m.startsWith("java.") || m.startsWith("jdk.")) {
                    return null;
                }
            }
            return transform(loader, className, redefined, domain, classFile);
        } catch (Throwable e) {
            return null;
        }
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        try {
            if (className == null || classFile == null || loader == null
                    || loader == ClassLoader.getPlatformClassLoader()) {
                return null;
            }
            String domainName = scope.domainOf(className);
            if (domainName == null || !AssertRewriter.mayHaveAsserts(classFile)) {
                return null;
            }
            if (!seesBridge(loader)) {
                return unchanged(className, "its class loader (" + CoreLinker.loaderName(loader) + ") does not see the"
                        + " bootstrap class " + AssertRewriter.BRIDGE.replace('/', '.') + " (an OSGi framework needs"
                        + " dev.faultline.agent.bridge in org.osgi.framework.bootdelegation)");
            }
            AssertRewriter.Result r = AssertRewriter.rewrite(classFile, domainName);
            if (r.problem != null) {
                return unchanged(className, r.problem);
            }
            if (r.bytes == null) {
                return null;
            }
            classes.incrementAndGet();
            asserts.addAndGet(r.asserts);
            return r.bytes;
        } catch (Throwable e) {
            return unchanged(className, "the agent failed on it (" + e + ")");
        }
    }

    private byte[] unchanged(String className, String why) {
        try {
            unchanged.incrementAndGet();
            if (problemLines.incrementAndGet() <= MAX_PROBLEM_LINES) {
                AgentLines.line(String.valueOf(className).replace('/', '.') + " left unchanged: " + why);
            }
        } catch (Throwable ignored) {
            // the class is left unchanged either way
        }
        return null;
    }

    /** True when {@code loader} resolves the bridge to the bootstrap loader's one copy. */
    private boolean seesBridge(ClassLoader loader) {
        if (loader == ClassLoader.getSystemClassLoader()) {
            return true; // delegates to the bootstrap loader
        }
        Boolean known = seesBridge.get(loader);
        if (known != null) {
            return known;
        }
        boolean sees;
        try {
            sees = Class.forName(bridge.getName(), false, loader) == bridge;
        } catch (ClassNotFoundException | LinkageError e) {
            sees = false;
        }
        seesBridge.put(loader, sees);
        return sees;
    }
}
