package dev.faultline;

import dev.faultline.internal.text.Ascii;
import java.util.Locale;

/**
 * What the checks of a {@link DebugDomain} do, after the kernel's {@code CONFIG_DEBUG_VM}
 * checks ({@code VM_BUG_ON}, {@code VM_WARN_ON}, {@code VM_WARN_ON_ONCE}).
 *
 * <table>
 *   <caption>What each check does in each mode</caption>
 *   <tr><th>mode</th><th>{@code warnOn}</th><th>{@code warnOnce}</th><th>{@code bugOn}</th></tr>
 *   <tr><td>{@link #OFF}</td><td colspan="3">nothing; guarded conditions are not evaluated</td></tr>
 *   <tr><td>{@link #WARN}</td><td>warning</td><td>warning, once per site</td><td>warning (the code goes on)</td></tr>
 *   <tr><td>{@link #ONCE}</td><td colspan="3">warning, once per site</td></tr>
 *   <tr><td>{@link #PANIC}</td><td>warning</td><td>warning, once per site</td><td>BUG: panic</td></tr>
 * </table>
 *
 * In mode {@code PANIC} a {@code warnOn} still only warns: whether a warning panics is decided
 * by {@code panic_on_warn} and {@code warn_limit}, for every warning alike.
 */
public enum DebugMode {
    /** The domain's checks do nothing and cost nothing. The default. */
    OFF,
    /** Every check that fires reports a warning; a {@code bugOn} is reported as a warning and the code goes on. */
    WARN,
    /** Every check reports a warning the first time it fires at a call site; later firings are counted. */
    ONCE,
    /** A {@code bugOn} panics; {@code warnOn} and {@code warnOnce} warn as in {@link #WARN}. */
    PANIC;

    /** The lower-case name used in the {@code faultline.debug} spec and over JMX: {@code off}, {@code warn}, … */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The mode named by {@code token} (case-insensitive, surrounding blanks ignored), or null
     * when it names none.
     */
    public static DebugMode fromToken(String token) {
        if (token == null) {
            return null;
        }
        // ASCII only: a control character or a look-alike letter is not the token (see Ascii).
        String t = Ascii.lowerToken(Ascii.strip(token));
        for (DebugMode m : values()) {
            if (m.token().equals(t)) {
                return m;
            }
        }
        return null;
    }

    /** {@code off, warn, once or panic}, for error messages. */
    public static String tokens() {
        return "off, warn, once or panic";
    }
}
