package dev.faultline.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.AppNameMain;
import dev.faultline.fixtures.Jvm;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar '/path/my app-1.0.jar' args}: the launcher joins the jar path and the
 * arguments with spaces, and the name stopped at the first space ({@code my}, the same for every
 * jar in that folder whose name starts so). The whole jar name is the application.
 */
class AppNameJarTest {
    @TempDir
    Path tmp;

    @Test
    void aJarPathWithSpacesNamesTheApplicationByTheWholeFileName() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("apps dir"));
        Path jar = dir.resolve("my app-1.0.jar");
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, AppNameMain.class.getName());
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, Path.of("target", "classes").toAbsolutePath().toUri() + " "
                + Path.of("target", "test-classes").toAbsolutePath().toUri());
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), m)) {
            // the manifest is all it needs
        }
        for (List<String> args : List.<List<String>>of(List.of(), List.of("--port", "8080", "other.jar"))) {
            List<String> cmd = new java.util.ArrayList<>(List.of(Jvm.javaBin(), "-jar", jar.toString()));
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("app: my_app\n"), "args " + args + ": " + out);
        }
        // Relative to the working directory, too.
        Process p = new ProcessBuilder(Jvm.javaBin(), "-jar", "my app-1.0.jar", "x").directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertTrue(out.contains("app: my_app\n"), out);
    }
}
