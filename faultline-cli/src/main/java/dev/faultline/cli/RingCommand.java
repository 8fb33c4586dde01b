package dev.faultline.cli;

import dev.faultline.Faultline;
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
        description = {"Read crash rings: this run's, earlier runs' (<dir>/*.ring) and archived ones (<dir>/archive/*/ring.bin).",
                "Exit status: 0 every ring intact, 1 corrupt data found, 2 usage error, 3 nothing to read."},
        subcommands = {RingShowCommand.class, RingVerifyCommand.class})
public final class RingCommand implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** No subcommand given: the usage, on stderr, and the usage error's status (2). */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return ExitCodes.USAGE;
    }

    /**
     * The ring files named by {@code target}, which may be a ring file, a crash directory
     * ({@code faultline.dir}: its {@code *.ring} files, {@code *.ring.recovering-*} claims and
     * {@code archive/*}{@code /ring.bin}), the archive directory itself ({@code *}{@code /ring.bin}),
     * or one archived run's directory ({@code ring.bin}).
     *
     * Only regular files are taken (a FIFO named like a ring is passed over, as are sockets and
     * devices); opening them is still bounded in time by the commands ({@link BoundedOpen}).
     *
     * @throws NothingToRead when the path does not exist, cannot be read, is not a regular file
     *         or a directory, or holds no ring
     */
    static List<Path> rings(Path target) throws NothingToRead {
        String shown = Faultline.escape(target.toString());
        if (!Files.exists(target)) {
            throw new NothingToRead("no such file or directory: " + shown);
        }
        if (!Files.isDirectory(target)) {
            if (!Files.isRegularFile(target)) {
                // Opening a FIFO would wait for a writer, maybe forever; a device is no ring either.
                throw new NothingToRead(shown + " is not a regular file (a FIFO, socket or device?): a crash ring is a"
                        + " regular file; not opened");
            }
            if (!Files.isReadable(target)) {
                throw new NothingToRead("cannot read " + shown + ": permission denied");
            }
            return List.of(target);
        }
        List<Path> out = new ArrayList<>();
        try {
            addRings(target, out);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(target, Files::isDirectory)) {
                for (Path sub : ds) {
                    if (sub.getFileName().toString().equals(RingFormat.ARCHIVE_DIRECTORY)) {
                        addArchivedRuns(sub, out);
                    } else {
                        addRunDir(sub, out);
                    }
                }
            }
        } catch (IOException | SecurityException e) {
            throw new NothingToRead("cannot read directory " + shown + ": " + Faultline.escape(String.valueOf(e)));
        }
        if (out.isEmpty()) {
            throw new NothingToRead("no crash rings in " + shown
                    + " (looked for *.ring, ring.bin, */ring.bin and archive/*/ring.bin)");
        }
        out.sort(null);
        return out;
    }

    /** Ring files directly in {@code dir}: a crash directory's rings, or an archived run's ring.bin. */
    private static void addRings(Path dir, List<Path> out) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String n = p.getFileName().toString();
                if (Files.isRegularFile(p) && (n.endsWith(RingFormat.FILE_SUFFIX) || n.contains(RingFormat.FILE_SUFFIX + ".")
                        || n.equals(RING_BIN))) {
                    out.add(p);
                }
            }
        }
    }

    /** Every archived run's ring under an archive directory. */
    private static void addArchivedRuns(Path archive, List<Path> out) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(archive, Files::isDirectory)) {
            for (Path run : ds) {
                addRunDir(run, out);
            }
        }
    }

    private static void addRunDir(Path run, List<Path> out) {
        Path bin = run.resolve(RING_BIN);
        if (Files.isRegularFile(bin)) {
            out.add(bin);
        }
    }

    /** The ring file's name inside an archived run's directory. */
    static final String RING_BIN = "ring.bin";
}
