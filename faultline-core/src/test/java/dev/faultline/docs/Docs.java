package dev.faultline.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The user documentation as files: the README and every page under docs/, and their code blocks. */
public final class Docs {
    private Docs() {}

    /** The repository's root: the parent of the module the tests run in. */
    public static Path root() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no repository root (a directory with mvnw) above " + System.getProperty("user.dir"));
        }
        return dir;
    }

    /** README.md and every docs/**.md, repository-relative, sorted. */
    public static List<Path> pages() {
        Path root = root();
        List<Path> pages = new ArrayList<>();
        pages.add(Path.of("README.md"));
        try (Stream<Path> s = Files.walk(root.resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).map(root::relativize).sorted().forEach(pages::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    public static String read(Path relative) {
        try {
            return Files.readString(root().resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fenced code block: its page, the line of its opening fence, its language, its text (fence indentation removed), and the comment line before it. */
    public record Block(Path page, int line, String language, String text, String before) {
        @Override
        public String toString() {
            return page + ":" + line;
        }
    }

    private static final Pattern FENCE = Pattern.compile("^( *)```\\s*([\\w-]*)\\s*$");

    public static List<Block> blocks(Path page) {
        List<String> lines = read(page).lines().collect(Collectors.toList());
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            String before = "";
            for (int j = i - 1; j >= 0; j--) {
                if (!lines.get(j).isBlank()) {
                    before = lines.get(j).trim();
                    break;
                }
            }
            StringBuilder text = new StringBuilder();
            int j = i + 1;
            for (; j < lines.size() && !lines.get(j).trim().equals("```"); j++) {
                String l = lines.get(j);
                text.append(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading()).append('\n');
            }
            blocks.add(new Block(page, i + 1, open.group(2), text.toString(), before));
            i = j;
        }
        return blocks;
    }
}
