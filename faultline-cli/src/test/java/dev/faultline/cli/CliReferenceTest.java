package dev.faultline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.faultline.fixtures.Docs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docs/operations/cli.md's command table against the command's own help: every command and
 * subcommand that {@code faultline --help} and {@code faultline help <command>} list has a row,
 * every row names a real command, and each row names exactly that command's options.
 */
class CliReferenceTest {
    static final Pattern COMMAND = Pattern.compile("^  ([a-z][\\w-]*)\\s");
    static final Pattern OPTION = Pattern.compile("^ {2,6}(?:-\\w, )?(--[\\w-]+)");
    static final Set<String> STANDARD = Set.of("--help", "--version");

    /** What {@code faultline ARGS} prints on stdout, run in this JVM as the command's main does. */
    static String usage(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, new CommandLine(new Main()).execute(args), String.join(" ", args));
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static List<String> commands(String usage) {
        List<String> names = new ArrayList<>();
        boolean in = false;
        for (String line : usage.lines().toList()) {
            if (line.equals("Commands:")) {
                in = true;
            } else if (in) {
                Matcher m = COMMAND.matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                } else if (!line.startsWith("    ")) {
                    in = false;
                }
            }
        }
        return names;
    }

    static Set<String> options(String usage) {
        Set<String> options = new TreeSet<>();
        for (String line : usage.lines().toList()) {
            Matcher m = OPTION.matcher(line);
            if (m.find() && !STANDARD.contains(m.group(1))) {
                options.add(m.group(1));
            }
        }
        return options;
    }

    /** Every command path ("ps", "ring show") with its help text, found through the help alone. */
    static Map<String, String> helpTree() {
        Map<String, String> tree = new LinkedHashMap<>();
        for (String name : commands(usage("--help"))) {
            String text = usage("help", name);
            tree.put(name, text);
            for (String sub : commands(text)) {
                tree.put(name + " " + sub, usage("help", name, sub));
            }
        }
        return tree;
    }

    /** The rows of the page's command table: the command path a row documents, and its first cell. */
    static Map<String, String> documented(Set<String> known) {
        Map<String, String> rows = new LinkedHashMap<>();
        for (List<String> row : Docs.table(Docs.read(Path.of("docs/operations/cli.md")), "command")) {
            String cell = row.get(0).replace("`", "");
            assertTrue(cell.startsWith("./faultline "), "a row of the command table: " + row);
            String[] words = cell.substring("./faultline ".length()).split(" ");
            String path = "";
            for (String w : words) {
                String longer = path.isEmpty() ? w : path + " " + w;
                if (known.contains(longer)) {
                    path = longer;
                } else {
                    break;
                }
            }
            rows.put(path.isEmpty() ? words[0] : path, cell);
        }
        return rows;
    }

    @Test
    void everyCommandOfTheHelpHasARowNamingExactlyItsOptions() {
        Map<String, String> tree = helpTree();
        assertTrue(tree.keySet().containsAll(List.of("demo", "ps", "ring show", "ring verify", "help")), tree.keySet().toString());
        Map<String, String> rows = documented(tree.keySet());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : tree.entrySet()) {
            String row = rows.get(e.getKey());
            if (row == null) {
                if (!commands(e.getValue()).isEmpty()) {
                    continue; // a group such as "ring": its subcommands have the rows
                }
                problems.add("no row for 'faultline " + e.getKey() + "' in docs/operations/cli.md");
                continue;
            }
            Set<String> inRow = new TreeSet<>();
            Matcher m = Pattern.compile("--[a-z][\\w-]*").matcher(row);
            while (m.find()) {
                inRow.add(m.group());
            }
            if (!inRow.equals(options(e.getValue()))) {
                problems.add("faultline " + e.getKey() + ": the help's options " + options(e.getValue())
                        + ", the row's " + inRow + " (" + row + ")");
            }
        }
        for (String path : rows.keySet()) {
            if (!tree.containsKey(path) && !path.equals("--version")) {
                problems.add("docs/operations/cli.md documents 'faultline " + path + "', which the help does not list");
            }
        }
        assertTrue(rows.containsKey("--version"), "a row for --version");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyStatusACommandsHelpNamesIsADefinedExitStatus() throws Exception {
        Set<Integer> defined = ExitCodesTest.definedStatuses();
        Map<String, String> tree = helpTree();
        tree.put("", usage("--help"));
        for (Map.Entry<String, String> e : tree.entrySet()) {
            String text = e.getValue().replaceAll("\\s+", " ");
            int at = text.indexOf("Exit status:");
            if (at < 0) {
                continue;
            }
            String said = text.substring(at, text.indexOf('.', at) < 0 ? text.length() : text.indexOf('.', at));
            Matcher m = Pattern.compile("(?:: |, )(\\d+) ").matcher(said);
            while (m.find()) {
                assertTrue(defined.contains(Integer.parseInt(m.group(1))),
                        "faultline " + e.getKey() + " names exit status " + m.group(1) + ", which ExitCodes does not define: " + said);
            }
        }
    }

    @Test
    void theOptionReaderSeesLongOptionsOnly() {
        assertEquals(Set.of("--all-users", "--dir"), options("      --all-users    Also\n      --dir=<dir>   Also\n"
                + "  -h, --help      Show\n                   --not-an-option here\n"));
    }
}
