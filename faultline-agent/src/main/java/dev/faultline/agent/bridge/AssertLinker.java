package dev.faultline.agent.bridge;

import java.lang.invoke.MethodHandle;

/**
 * What the agent installs into {@link AssertBridge}: the handles a rewritten assert statement
 * links to. Loaded by the bootstrap class loader with the bridge, implemented by the agent.
 */
public interface AssertLinker {
    /**
     * A {@code ()boolean} handle answering whether {@code domain} is on now, for an assert of
     * {@code caller}. The same handle may serve every site of the domain.
     */
    MethodHandle enabled(Class<?> caller, String domain);

    /**
     * A {@code (AssertionError)void} handle that reports the failed assert whose error
     * {@code caller} has just built, in {@code domain}'s mode, at the calling line.
     */
    MethodHandle fired(Class<?> caller, String domain);
}
