package dev.faultline.junit5;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the crash rings of test JVMs in the build's output directory: a test run is not a
 * service, its rings belong with the build (cleaned with it) rather than in the user's
 * per-application crash directories under the temporary directory.
 */
final class BuildRings {
    /** The folder under the build's output directory ({@code target/} or {@code build/}). */
    static final String FOLDER = "faultline";

    private BuildRings() {}

    /**
     * Sets {@code faultline.dir} to {@code <build output>/faultline} unless the operator set it
     * (property or {@code FAULTLINE_DIR}, blank counting as unset) or no build output directory
     * is found: {@code ${basedir}/target} (Maven's surefire and failsafe set {@code basedir}),
     * else {@code target/} or {@code build/} in the working directory. Has its effect only
     * before Faultline's first use in the JVM, which is when JUnit creates the extension
     * (auto-detection, or {@code @ExtendWith} on the first test class). Never throws.
     */
    static void keepUnderBuild() {
        try {
            String prop = System.getProperty("faultline.dir");
            String env = System.getenv("FAULTLINE_DIR");
            if (prop != null && !prop.isBlank() || env != null && !env.isBlank()) {
                return;
            }
            Path output = output();
            if (output != null) {
                System.setProperty("faultline.dir", output.resolve(FOLDER).toAbsolutePath().toString());
            }
        } catch (RuntimeException e) {
            // The default crash directory is a fine place too: nothing to report.
        }
    }

    private static Path output() {
        String basedir = System.getProperty("basedir");
        if (basedir != null && !basedir.isBlank() && Files.isDirectory(Path.of(basedir, "target"))) {
            return Path.of(basedir, "target");
        }
        for (String name : new String[] {"target", "build"}) {
            Path p = Path.of(name);
            if (Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }
}
