package dev.faultline.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Jvm;
import dev.faultline.junit5.fixtures.RingPlaceMain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test JVM that loads the extension keeps its crash ring in the build's target/, unless told otherwise. */
class BuildRingsTest {
    @TempDir
    Path project;

    private Jvm.Result child(String dirOption) throws Exception {
        Files.createDirectories(project.resolve("target"));
        // "-Dfaultline.dir=" (blank) stands for "not set": it also stops the fixture from choosing a directory.
        return Jvm.run(Jvm.testClassPath(), RingPlaceMain.class.getName(),
                List.of(dirOption, "-Dbasedir=" + project), Duration.ofSeconds(120));
    }

    @Test
    void theRingGoesUnderTheBuildsTargetDirectory() throws Exception {
        Jvm.Result r = child("-Dfaultline.dir=");
        assertEquals(0, r.exitCode, r.toString());
        Path dir = project.resolve("target").resolve(BuildRings.FOLDER).toAbsolutePath();
        assertTrue(r.stdout.startsWith("ring " + dir + "/"), r.toString());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".ring")).count());
        }
    }

    @Test
    void aDirectoryTheOperatorSetIsKept() throws Exception {
        Path own = project.resolve("own");
        Jvm.Result r = child("-Dfaultline.dir=" + own);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.stdout.startsWith("ring " + own.toAbsolutePath() + "/"), r.toString());
    }
}
