package dev.faultline.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Docs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documentation stays navigable: the README is short, lists every module and links every
 * page of docs/ (any feature two clicks away at most); every page opens with what its reader
 * will be able to do; and no link, to a file, a heading or a named anchor, leads nowhere.
 */
class DocsStructureTest {
    static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");
    /** An anchor made by hand in the text: {@code <a id="name"></a>}. */
    static final Pattern NAMED_ANCHOR = Pattern.compile("<a id=\"([\\w-]+)\"></a>");

    /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
    static String slug(String heading) {
        return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    static Set<String> anchors(Path page) {
        Set<String> anchors = new TreeSet<>();
        boolean fence = false;
        for (String l : Docs.read(page).lines().toList()) {
            if (l.trim().startsWith("```")) {
                fence = !fence;
            }
            Matcher m = HEADING.matcher(l);
            if (!fence && m.matches()) {
                anchors.add(slug(m.group(1)));
            }
            Matcher named = NAMED_ANCHOR.matcher(l);
            while (!fence && named.find()) {
                anchors.add(named.group(1));
            }
        }
        return anchors;
    }

    /** The link targets of a page, outside code blocks and code spans. */
    static List<String> links(Path page) {
        List<String> out = new ArrayList<>();
        boolean fence = false;
        for (String l : Docs.read(page).lines().toList()) {
            if (l.trim().startsWith("```")) {
                fence = !fence;
                continue;
            }
            if (fence) {
                continue;
            }
            Matcher m = LINK.matcher(l.replaceAll("`[^`]*`", "``"));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void everyLinkLeadsToAFileAndEveryAnchorToAHeading() {
        List<String> problems = new ArrayList<>();
        for (Path page : Docs.pages()) {
            for (String link : links(page)) {
                if (link.matches("^[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                String file = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
                String anchor = link.contains("#") ? link.substring(link.indexOf('#') + 1) : null;
                Path target = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                if (!Files.exists(Docs.root().resolve(target))) {
                    problems.add(page + ": link (" + link + ") to " + target + ", which does not exist");
                } else if (anchor != null && !anchors(target).contains(anchor)) {
                    problems.add(page + ": link (" + link + ") to #" + anchor + ", no such heading in " + target);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyPageOpensWithWhatItsReaderWillBeAbleToDo() {
        List<String> problems = new ArrayList<>();
        for (Path page : Docs.pages()) {
            if (page.toString().equals("README.md")) {
                continue;
            }
            List<String> lines = Docs.read(page).lines().toList();
            if (lines.size() < 3 || !lines.get(0).startsWith("# ") || !lines.get(1).isEmpty()
                    || !lines.get(2).startsWith("After this page you can ")) {
                problems.add(page + ": not '# Title', a blank line, then 'After this page you can ...'");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theReadmeIsShortAndLinksEveryPage() {
        String readme = Docs.read(Path.of("README.md"));
        long lines = readme.lines().count();
        assertTrue(lines <= 200, "README.md has " + lines + " lines; the manual belongs in docs/");
        Set<String> linked = new TreeSet<>();
        for (String link : links(Path.of("README.md"))) {
            linked.add(link.contains("#") ? link.substring(0, link.indexOf('#')) : link);
        }
        List<String> missing = new ArrayList<>();
        for (Path page : Docs.pages()) {
            if (page.startsWith("docs") && !linked.contains(page.toString())) {
                missing.add(page.toString());
            }
        }
        assertEquals(List.of(), missing, "docs pages the README does not link");
    }

    @Test
    void theReadmesModuleTableListsEveryModuleOfTheBuild() throws Exception {
        Set<String> modules = new TreeSet<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(Docs.root().resolve("pom.xml")));
        while (m.find()) {
            if (!m.group(1).startsWith("examples/")) {
                modules.add(m.group(1));
            }
        }
        Set<String> listed = new TreeSet<>();
        for (List<String> row : Docs.table(Docs.read(Path.of("README.md")), "module (artifact)")) {
            listed.add(row.get(0).replace("`", ""));
        }
        assertEquals(modules, listed, "modules of the build vs the README's module table");
    }

    /** GitHub splits a table row at every unescaped {@code |}, inside code spans too: such a row renders broken. */
    @Test
    void noTableCellHasAnUnescapedPipeInACodeSpan() {
        List<String> problems = new ArrayList<>();
        for (Path page : Docs.pages()) {
            boolean fence = false;
            int n = 0;
            for (String l : Docs.read(page).lines().toList()) {
                n++;
                if (l.trim().startsWith("```")) {
                    fence = !fence;
                }
                if (fence || !l.startsWith("|")) {
                    continue;
                }
                Matcher code = Pattern.compile("`[^`]*`").matcher(l);
                while (code.find()) {
                    if (code.group().matches(".*(?<!\\\\)\\|.*")) {
                        problems.add(page + ":" + n + ": " + code.group() + " (write \\| for a | in a table)");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void slugsAreGitHubs() {
        assertEquals("javas-own-asserts-as-debug-domains-faultline-agent",
                slug("Java's own asserts as debug domains (`faultline-agent`)"));
        assertEquals("out-reports-into-the-applications-logging", slug("Out: reports into the application's logging"));
    }
}
