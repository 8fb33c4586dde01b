package dev.faultline.cli;

import dev.faultline.ring.RingFormat;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code faultline ring}: read crash rings left by Faultline processes. */
@Command(name = "ring", mixinStandardHelpOptions = true,
        description = "Read crash rings: this run's, earlier runs' (<dir>/*.ring) and archived ones (<dir>/archive/*/ring.bin).",
        subcommands = {RingShowCommand.class, RingVerifyCommand.class})
public final class RingCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * The ring files named by {@code target}: the file itself, or for a crash directory every
     * {@code *.ring} (and {@code *.ring.recovering-*}) in it and every {@code archive/*}{@code /ring.bin}.
     */
    static List<Path> rings(Path target) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(target)) {
            out.add(target);
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(target)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && (n.endsWith(RingFormat.FILE_SUFFIX) || n.contains(RingFormat.FILE_SUFFIX + ".")
                        || n.equals("ring.bin"))) {
                    out.add(p);
                }
            }
        }
        Path archive = target.resolve(RingFormat.ARCHIVE_DIRECTORY);
        if (Files.isDirectory(archive)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(archive)) {
                for (Path run : ds) {
                    Path bin = run.resolve("ring.bin");
                    if (Files.isRegularFile(bin)) {
                        out.add(bin);
                    }
                }
            }
        }
        out.sort(null);
        return out;
    }
}
