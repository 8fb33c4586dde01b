package dev.faultline.agent;

import dev.faultline.agent.bridge.AssertBridge;
import dev.faultline.agent.bridge.AssertLinker;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * The running agent once the bridge is on the bootstrap class path: the linker installed into
 * the bridge, the transformer registered, and the classes already loaded retransformed. Loaded
 * only after {@link BridgeInstaller}, so that the bridge types it names are the bootstrap
 * loader's.
 */
final class AgentWiring {
    private final Instrumentation inst;
    private final AssertTransformer transformer;
    private final CoreLinker linker;
    private String status;

    private AgentWiring(Instrumentation inst, AssertTransformer transformer, CoreLinker linker) {
        this.inst = inst;
        this.transformer = transformer;
        this.linker = linker;
    }

    static AgentWiring start(Instrumentation inst, Class<?> bridge, URL jar, AssertScope scope, String args,
            boolean attached, String source) {
        if (AssertLinker.class.getClassLoader() != null || AssertBridge.class != bridge) {
            throw new IllegalStateException("the bridge classes were loaded by " + AssertLinker.class.getClassLoader()
                    + ", not by the bootstrap class loader");
        }
        CoreLinker linker = new CoreLinker(jar, attached ? null : args);
        if (!AssertBridge.install(linker)) {
            throw new IllegalStateException("another faultline-agent has already linked this JVM's asserts");
        }
        AssertTransformer transformer = new AssertTransformer(bridge, scope);
        AgentWiring w = new AgentWiring(inst, transformer, linker);
        inst.addTransformer(transformer, true);
        AgentLines.atExit(() -> "rewrote " + transformer.classesRewritten() + " classes (" + transformer.assertsRewritten()
                + " asserts); " + transformer.classesLeftUnchanged() + " left unchanged");
        AgentLines.line("rewriting the assert statements of " + scope.packages().size() + " package(s) and their"
                + " subpackages (named by " + source + "): " + scope + "; each package's asserts are the debug domain"
                + " assert:PACKAGE");
        String retransformed = w.retransform(scope, AssertScope.empty());
        String applied = attached ? linker.applyNow(args) : "";
        w.status = "rewriting " + scope + "; " + retransformed + (applied.isEmpty() ? "" : "; " + applied);
        return w;
    }

    /** A later load of the agent: rewrite the packages it adds too, and apply its spec. */
    String widen(AssertScope more, String args) {
        AssertScope before = transformer.scope();
        transformer.widen(more);
        String retransformed = retransform(transformer.scope(), before);
        String applied = linker.applyNow(args);
        status = "rewriting " + transformer.scope() + "; " + retransformed + (applied.isEmpty() ? "" : "; " + applied);
        AgentLines.line(status);
        return status;
    }

    String status() {
        return status;
    }

    /** Retransforms the loaded classes that {@code now} covers and {@code before} did not. */
    private String retransform(AssertScope now, AssertScope before) {
        if (!inst.isRetransformClassesSupported()) {
            String s = "this JVM cannot retransform classes: classes loaded before the agent keep their asserts as they are";
            AgentLines.line(s);
            return s;
        }
        List<Class<?>> todo = new ArrayList<>();
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        for (Class<?> c : inst.getAllLoadedClasses()) {
            try {
                ClassLoader l = c.getClassLoader();
                if (l == null || l == platform || c.isArray() || c.isPrimitive() || c.isHidden()
                        || !inst.isModifiableClass(c)) {
                    continue;
                }
                String pkg = c.getPackageName();
                if (now.covers(pkg) && !before.covers(pkg)) {
                    todo.add(c);
                }
            } catch (Throwable e) {
                // a class that cannot even be asked is not ours to change
            }
        }
        long classesBefore = transformer.classesRewritten();
        long assertsBefore = transformer.assertsRewritten();
        int failed = 0;
        for (Class<?> c : todo) {
            try {
                inst.retransformClasses(c);
            } catch (Throwable e) {
                failed++;
                AgentLines.line(c.getName() + " left unchanged: retransformation failed (" + e + ")");
            }
        }
        String s = todo.size() + " loaded classes in scope, " + (transformer.classesRewritten() - classesBefore)
                + " of them retransformed (" + (transformer.assertsRewritten() - assertsBefore) + " asserts)"
                + (failed > 0 ? ", " + failed + " failed" : "");
        if (!todo.isEmpty()) {
            AgentLines.line(s);
        }
        return s;
    }
}
