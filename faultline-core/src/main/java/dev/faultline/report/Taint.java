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

    /**
     * The letters of {@code taints} in flag order ({@code WD}); empty when not tainted. The one
     * rendering of the letters: the {@code Tainted:} line, the report's JSON {@code taint} field
     * and every bridge's {@code taint} key use it.
     */
    public static String letters(Set<Taint> taints) {
        return appendLetters(new StringBuilder(values().length), taints).toString();
    }

    /** Appends {@link #letters(Set)} to {@code b} without another allocation; returns {@code b}. */
    public static StringBuilder appendLetters(StringBuilder b, Set<Taint> taints) {
        for (Taint t : values()) {
            if (taints.contains(t)) {
                b.append(t.letter);
            }
        }
        return b;
    }

    /** The flags whose letters are in {@code letters}; other characters are ignored. Never null. */
    public static Set<Taint> fromLetters(String letters) {
        EnumSet<Taint> set = EnumSet.noneOf(Taint.class);
        for (Taint t : values()) {
            if (letters != null && letters.indexOf(t.letter) >= 0) {
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
        StringBuilder meanings = new StringBuilder();
        for (Taint t : values()) {
            if (!taints.contains(t)) {
                continue;
            }
            if (meanings.length() > 0) {
                meanings.append("; ");
            }
            meanings.append(t.letter).append(": ").append(t.meaning);
        }
        return "Tainted: " + letters(taints) + " (" + meanings + ")";
    }
}
