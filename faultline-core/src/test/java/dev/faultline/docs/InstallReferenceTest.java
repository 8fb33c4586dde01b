package dev.faultline.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.faultline.fixtures.Docs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/guide/install.md's artifact table against the build: it lists exactly the modules that
 * {@code install} and {@code deploy} publish (those that do not skip them), and the BOM pins
 * exactly those artifacts.
 */
class InstallReferenceTest {
    /** The artifactId of every module of the build that is installed. */
    static Set<String> installedArtifacts() throws Exception {
        Set<String> installed = new TreeSet<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(Docs.root().resolve("pom.xml")));
        while (m.find()) {
            String pom = Files.readString(Docs.root().resolve(m.group(1)).resolve("pom.xml"));
            if (pom.contains("<maven.install.skip>true</maven.install.skip>")) {
                continue;
            }
            String own = pom.contains("</parent>") ? pom.substring(pom.indexOf("</parent>")) : pom;
            Matcher id = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(own);
            id.find();
            installed.add(id.group(1));
        }
        return installed;
    }

    @Test
    void theArtifactTableListsWhatInstallPublishes() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (List<String> row : Docs.table(Docs.read(Path.of("docs/guide/install.md")), "artifact")) {
            documented.add(row.get(0).replace("`", ""));
        }
        assertEquals(installedArtifacts(), documented, "modules the build installs vs docs/guide/install.md's table");
    }

    @Test
    void theBomPinsEveryPublishedArtifact() throws Exception {
        String bom = Files.readString(Docs.root().resolve("faultline-bom/pom.xml"));
        String managed = bom.substring(bom.indexOf("<dependencyManagement>"), bom.indexOf("</dependencyManagement>"));
        Set<String> pinned = new TreeSet<>();
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(managed);
        while (m.find()) {
            pinned.add(m.group(1));
        }
        Set<String> expected = installedArtifacts();
        expected.remove("faultline-bom");
        assertEquals(expected, pinned, "artifacts the build publishes vs those faultline-bom pins");
    }
}
