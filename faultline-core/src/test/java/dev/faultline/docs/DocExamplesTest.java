package dev.faultline.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Docs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Java example in the README and in docs/ is compiled by the build: each is preceded by
 * {@code <!-- example: PATH#REGION -->}, names a source file of a module the build compiles, and
 * is exactly the text between {@code // [REGION]} and {@code // [/REGION]} there (indentation
 * removed). Editing an example on its page alone, or the source alone, fails this test.
 */
class DocExamplesTest {
    static final Pattern MARKER = Pattern.compile("<!-- example: (\\S+)#([\\w-]+) -->");

    @Test
    void everyJavaExampleIsARegionOfACompiledSourceFile() throws Exception {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        String modules = Files.readString(Docs.root().resolve("pom.xml"));
        for (Path page : Docs.pages()) {
            for (Docs.Block block : Docs.blocks(page)) {
                Matcher m = MARKER.matcher(block.before());
                if (!m.matches()) {
                    if (block.language().equals("java")) {
                        problems.add(block + ": a java block without <!-- example: PATH#REGION --> before it");
                    }
                    continue;
                }
                Path source = Path.of(m.group(1));
                String module = source.getName(0).toString();
                if (source.getNameCount() > 2 && module.equals("examples")) {
                    module = source.subpath(0, 2).toString();
                }
                if (!modules.contains("<module>" + module + "</module>")
                        || !(source.toString().contains("/src/test/java/") || source.toString().contains("/src/main/java/")
                                || source.toString().contains("/src/test/resources/"))) {
                    problems.add(block + ": " + source + " is not a source file of a module the build compiles");
                    continue;
                }
                Path file = Docs.root().resolve(source);
                if (!Files.isRegularFile(file)) {
                    problems.add(block + ": no such file " + source);
                    continue;
                }
                String region = region(Files.readString(file), m.group(2));
                if (region == null) {
                    problems.add(block + ": no region [" + m.group(2) + "] ... [/" + m.group(2) + "] in " + source);
                    continue;
                }
                checked++;
                if (!region.equals(block.text())) {
                    problems.add(block + ": differs from " + source + "#" + m.group(2) + "\n--- page:\n" + block.text()
                            + "--- source:\n" + region);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(checked >= 10, "only " + checked + " examples found: the pages moved?");
    }

    /** A marker names the block right after it: one followed by anything else would check nothing. */
    @Test
    void everyMarkerIsFollowedByACodeBlock() {
        List<String> problems = new ArrayList<>();
        for (Path page : Docs.pages()) {
            List<String> lines = Docs.read(page).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains("<!-- example:")
                        && (i + 1 >= lines.size() || !lines.get(i + 1).trim().startsWith("```"))) {
                    problems.add(page + ":" + (i + 1) + ": an example marker not followed by a code block");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The lines between the region's markers (comment lines {@code // [name]} or {@code <!-- [name] -->}), common indentation removed. */
    static String region(String source, String name) {
        List<String> lines = source.lines().toList();
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).trim();
            if (start < 0 && isMarker(t, "[" + name + "]")) {
                start = i + 1;
            } else if (start >= 0 && isMarker(t, "[/" + name + "]")) {
                end = i;
                break;
            }
        }
        if (start < 0 || end < 0) {
            return null;
        }
        List<String> body = lines.subList(start, end);
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String l : body) {
            out.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
        }
        return out.toString();
    }

    private static boolean isMarker(String trimmed, String tag) {
        return trimmed.equals("// " + tag) || trimmed.equals("<!-- " + tag + " -->") || trimmed.equals("# " + tag);
    }

    @Test
    void theRegionReaderFindsARegionAndItsIndentation() {
        String src = "class A {\n    // [r]\n    int x;\n\n      int y;\n    // [/r]\n}\n";
        assertEquals("int x;\n\n  int y;\n", region(src, "r"));
        assertEquals(null, region(src, "s"));
        assertFalse(MARKER.matcher("<!-- example: a.java -->").matches());
    }
}
