package dev.faultline.report;

import java.util.EnumSet;
import java.util.Set;

/**
 * Process taint flags, after the kernel's {@code Tainted:} letters.
 *
 * <p>A taint is sticky: once set it stays for the life of the process and is printed in every
 * later report, so whoever reads a failure knows it may follow from an earlier one. Taints are
 * read with {@link dev.faultline.Faultline#taints()}; they are set by Faultline itself, never by user code.
 */
public enum Taint {
    /** A warning was reported ({@code warnOn} fired and was not suppressed). */
    WARNED('W', "a warning was reported"),
    /** A thread died of an uncaught exception (an oops). */
    DIED('D', "a thread died of an uncaught exception"),
    /** A safety setting was relaxed at run time (for example panic_on_warn turned off). */
    RELAXED('R', "a safety setting was relaxed at run time"),
    /**
     * The boot-loop guard demoted a debug domain from panic to warn at start, because the last
     * runs kept panicking on its check soon after starting ({@code faultline.bootloop_guard}).
     */
    DEMOTED('B', "the boot-loop guard demoted a debug domain from panic to warn"),
    /**
     * A watched loop stopped making progress (a {@link ReportKind#LOCKUP}); the kernel's
     * {@code TAINT_SOFTLOCKUP}, the same letter.
     */
    SOFTLOCKUP('L', "a soft lockup was reported");

    private final char letter;
    private final String meaning;

    Taint(char letter, String meaning) {
        this.letter = letter;
        this.meaning = meaning;
    }

    /** The single letter shown on the {@code Tainted:} line. */
    public char letter() {
        return letter;
    }

    /** A one-line explanation of the flag. */
    public String meaning() {
        return meaning;
    }

    int bit() {
        return 1 << ordinal();
    }

    static Set<Taint> fromBits(int bits) {
        EnumSet<Taint> set = EnumSet.noneOf(Taint.class);
        for (Taint t : values()) {
            if ((bits & t.bit()) != 0) {
                set.add(t);
            }
        }
        return set;
    }

    /**
     * Renders the kernel-style taint line: {@code Not tainted}, or {@code Tainted: WD} followed
     * by the meaning of each letter.
     */
    public static String line(Set<Taint> taints) {
        if (taints.isEmpty()) {
            return "Not tainted";
        }
        StringBuilder letters = new StringBuilder();
        StringBuilder meanings = new StringBuilder();
        for (Taint t : taints) {
            letters.append(t.letter);
            if (meanings.length() > 0) {
                meanings.append("; ");
            }
            meanings.append(t.letter).append(": ").append(t.meaning);
        }
        return "Tainted: " + letters + " (" + meanings + ")";
    }
}
