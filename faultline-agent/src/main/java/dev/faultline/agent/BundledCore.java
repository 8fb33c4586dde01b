package dev.faultline.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The copy of faultline-core that the agent carries, for a JVM whose asserting classes see none
 * of their own. Its classes sit in the agent jar under {@value #PREFIX}, a path that no class
 * loader searches, so they can never shadow or mix with an application's copy; this loader
 * (whose parent is the platform loader: the JDK and nothing of the application) is the only one
 * that defines them, and only when the agent first needs them.
 */
final class BundledCore extends ClassLoader {
    static final String PREFIX = "META-INF/faultline-agent/core/";

    static {
        registerAsParallelCapable();
    }

    private final JarFile jar;
    private final String jarUrl;
    private final ProtectionDomain domain;

    private BundledCore(JarFile jar, URL location) {
        super("faultline-agent-core", ClassLoader.getPlatformClassLoader());
        this.jar = jar;
        this.jarUrl = "jar:" + location + "!/";
        this.domain = new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null, this, null);
    }

    /** The bundled copy inside the agent jar at {@code location}; fails when the jar carries none. */
    static BundledCore open(URL location) throws IOException {
        JarFile jar;
        try {
            jar = new JarFile(new java.io.File(location.toURI()));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            throw new IOException("the agent jar's location " + location + " is not a file", e);
        }
        if (jar.getJarEntry(PREFIX + "dev/faultline/Faultline.class") == null) {
            jar.close();
            throw new IOException(location + " carries no faultline-core (" + PREFIX + ")");
        }
        return new BundledCore(jar, location);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        JarEntry entry = jar.getJarEntry(PREFIX + name.replace('.', '/') + ".class");
        if (entry == null) {
            throw new ClassNotFoundException(name);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length, domain);
        } catch (IOException e) {
            throw new ClassNotFoundException(name + " (reading the agent jar: " + e + ")", e);
        }
    }

    @Override
    protected URL findResource(String name) {
        if (jar.getJarEntry(PREFIX + name) == null) {
            return null;
        }
        try {
            return new URL(jarUrl + PREFIX + name);
        } catch (MalformedURLException e) {
            return null;
        }
    }
}
