package dev.faultline.agent;

import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java agent: {@code -javaagent:faultline-agent.jar[=SPEC]} at start, or loaded into a
 * running JVM by {@code faultline agent PID [SPEC]}. It rewrites the {@code assert} statements of
 * the packages that {@code assert:PACKAGE} entries name — in its argument and in
 * {@code faultline.debug} (the system property, else the {@code FAULTLINE_DEBUG} environment
 * variable, as Faultline reads it) — into checks of the debug domain {@code assert:PACKAGE}.
 *
 * <p>It never fails the JVM's start or a class load: anything that goes wrong is one line on
 * stderr ({@code faultline-agent: ...}) and the application runs on without it (or with the
 * class left as it was). Loading it a second time into the same JVM widens the set of packages
 * (retransforming the newly named ones) and applies the new spec; it never rewrites a class
 * twice nor installs a second transformer.
 */
public final class AssertAgent {
    /** Set in a JVM the agent was loaded into at run time: what it did, in one line (the CLI reads it). */
    public static final String STATUS_PROPERTY = "dev.faultline.agent.status";

    private static AgentWiring running;

    private AssertAgent() {}

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, false);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, true);
    }

    private static synchronized void start(String args, Instrumentation inst, boolean attached) {
        String status;
        try {
            status = startOrWiden(args, inst, attached);
        } catch (Throwable e) {
            status = "not started (" + e + "); the application runs without it";
            AgentLines.line(status);
        }
        if (attached) {
            try {
                System.setProperty(STATUS_PROPERTY, AgentLines.clean(status));
            } catch (Throwable ignored) {
                // the agent's own line says it too
            }
        }
    }

    private static String startOrWiden(String args, Instrumentation inst, boolean attached) throws Exception {
        List<String> problems = new ArrayList<>();
        AssertScope fromArgs = AssertScope.parse(args, problems);
        String[] boot = bootSpec();
        AssertScope fromBoot = AssertScope.parse(boot[0], problems);
        for (String p : problems) {
            AgentLines.line(p);
        }
        AssertScope scope = fromArgs.plus(fromBoot);
        if (running != null) {
            return running.widen(scope, args);
        }
        if (scope.isEmpty()) {
            String none = "nothing to rewrite: no assert:PACKAGE entry in the agent's argument"
                    + (boot[1] == null ? " (faultline.debug is not set)" : " nor in " + boot[1]);
            AgentLines.line(none);
            return none;
        }
        URL jar = AssertAgent.class.getProtectionDomain().getCodeSource().getLocation();
        Class<?> bridge = BridgeInstaller.install(inst);
        running = AgentWiring.start(inst, bridge, jar, scope, args, attached,
                (args != null && !args.isBlank() ? "the agent's argument" : "")
                        + (boot[1] != null ? (args != null && !args.isBlank() ? " and " : "") + boot[1] : ""));
        return running.status();
    }

    /** {@code faultline.debug} as Faultline reads it at start: the value and where it came from, or nulls. */
    private static String[] bootSpec() {
        try {
            String v = System.getProperty("faultline.debug");
            if (v != null) {
                return new String[] {v, "the system property faultline.debug"};
            }
            v = System.getenv("FAULTLINE_DEBUG");
            if (v != null) {
                return new String[] {v, "the environment variable FAULTLINE_DEBUG"};
            }
        } catch (SecurityException e) {
            AgentLines.line("cannot read faultline.debug: " + e);
        }
        return new String[] {null, null};
    }
}
