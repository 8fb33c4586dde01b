package dev.faultline.internal.boot;

import dev.faultline.internal.runtime.RunPolicy;
import dev.faultline.report.Report;
import dev.faultline.report.ReportKind;
import dev.faultline.report.Taint;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.console.Console;
import dev.faultline.internal.ring.RingWriter;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.text.Escape;
import dev.faultline.internal.text.LenientFormat;
import dev.faultline.ring.RingReader;
import dev.faultline.ring.RingRecord;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/**
 * Renders, encodes and reads back one report at boot, on the booting thread, before any real
 * report can be raised: every JDK class the report path needs (the instant formatter, string
 * builders, UTF-8 and the console's charset encoder, CRC32C, the byte-buffer views, lambdas of
 * the report schema) is initialised while the heap is healthy. A class whose initialiser first
 * runs on a full heap fails and stays unusable for the life of the process, and then every
 * later report would fail with it; the first report of a process may well be an OOPS on a full
 * heap.
 */
final class ReportPathRehearsal {
    private ReportPathRehearsal() {}

    static void run() {
        try {
            String message = LenientFormat.format("rehearsal %s %s", List.of(1, 2), "\u00e9\u65e5\uD83D\uDE00\uD800\u202e\u0001");
            Report r = Report.builder(ReportKind.WARNING).sequence(1).site("faultline.rehearsal").location("here")
                    .message(message).thread("boot", 1).time(Instant.now())
                    .stack(List.of(new Throwable().getStackTrace()[0])).taints(EnumSet.of(Taint.WARNED))
                    .process(Core.PID, Core.RUN_ID).dump("dump").suppressed(2, Instant.now()).build();
            String text = r.toText();
            String json = r.toJson();
            r.toJson(512);
            Report.fromJson(json).toText();
            Escape.text(text);
            Console.encodable(json);
            PrintStream scratch = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
            scratch.print(text);
            RingWriter ring = RingWriter.inMemory(64 * 1024, Core.PID, 0, Core.RUN_ID);
            ring.append(r);
            ring.append(System.Logger.Level.INFO, "faultline", message);
            for (RingRecord rec : RingReader.read(ring.snapshot(), "rehearsal").records()) {
                rec.toText();
                rec.toJson();
            }
            RunPolicy.process();
        } catch (Throwable e) {
            Settings.problem("the report path could not be rehearsed at boot (" + e
                    + "); a report raised on a full heap may fail to render");
        }
    }
}
