package dev.faultline.agent;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * Puts the bridge ({@code dev.faultline.agent.bridge}: the bootstrap methods and the linker
 * interface, two small classes that name only JDK types) on the bootstrap class path, once per
 * JVM, so that every class loader resolves it to one copy (see {@code AssertBridge}).
 *
 * <p>The JVM takes a jar file for that, so the two classes are copied from the agent jar into
 * a new jar in a new directory that {@link Files#createTempDirectory} makes owner-only; both
 * are removed at exit. Nothing that exists already is written to or through.
 *
 * <p>This class must not name the bridge's types: the system class loader would then load its
 * own copy from the agent jar before the bootstrap loader can see the bridge.
 */
final class BridgeInstaller {
    static final String BRIDGE = "dev.faultline.agent.bridge.AssertBridge";
    private static final String[] CLASSES = {
        "dev/faultline/agent/bridge/AssertBridge.class",
        "dev/faultline/agent/bridge/AssertLinker.class",
    };

    private BridgeInstaller() {}

    /** The bootstrap loader's bridge class, installing it first if this JVM has none. */
    static Class<?> install(Instrumentation inst) throws IOException, ClassNotFoundException {
        try {
            return Class.forName(BRIDGE, true, null);
        } catch (ClassNotFoundException notYet) {
            // install below
        }
        Path dir = Files.createTempDirectory("faultline-agent-");
        dir.toFile().deleteOnExit();
        Path jar = dir.resolve("faultline-agent-bridge.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE))) {
            for (String name : CLASSES) {
                out.putNextEntry(new JarEntry(name));
                out.write(read(name));
                out.closeEntry();
            }
        }
        jar.toFile().deleteOnExit(); // registered last, so deleted before its directory
        inst.appendToBootstrapClassLoaderSearch(new JarFile(jar.toFile()));
        return Class.forName(BRIDGE, true, null);
    }

    private static byte[] read(String name) throws IOException {
        ClassLoader own = BridgeInstaller.class.getClassLoader();
        try (InputStream in = own == null ? null : own.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the agent jar has no " + name);
            }
            return in.readAllBytes();
        }
    }
}
