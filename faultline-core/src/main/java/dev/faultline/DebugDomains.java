package dev.faultline;

import dev.faultline.internal.boot.Boot;
import dev.faultline.internal.config.Settings;
import dev.faultline.internal.domain.DebugSpec;
import dev.faultline.internal.domain.DomainTable;
import dev.faultline.internal.runtime.Core;
import dev.faultline.internal.text.Escape;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import dev.faultline.report.Taint;

/**
 * Run-time control of the debug domains (the sysctl analog of the kernel's {@code vm_debug=}):
 * read and set any domain's mode, apply a spec, list what exists. Obtain it with
 * {@link Faultline#debugDomains()}; the JMX MBean {@code dev.faultline:type=Faultline} offers
 * the same.
 *
 * <p>Modes can be set for any name, registered yet or not, and for {@code *} (the default). A
 * setting applies to the named domain and to its sub-domains that have no setting of their
 * own; it never changes any other domain. It takes effect at once, in running code too.
 *
 * <p>Every change prints one line on the console saying what changed, from what to what and
 * through which channel ({@code faultline: debug domain mm changed from panic to warn (via
 * jmx)}). A domain that was {@code panic} and no longer is taints the process
 * {@link Taint#RELAXED}. Setting a name to the mode it already has prints nothing.
 */
public final class DebugDomains {
    static final DebugDomains INSTANCE = new DebugDomains();
    private static final ConcurrentHashMap<String, Domain> DOMAINS = new ConcurrentHashMap<>();

    private DebugDomains() {}

    /** See {@link Faultline#domain(String)}. */
    static DebugDomain domain(String name) {
        // Core's start-up prints the configuration problems found so far, a bad
        // faultline.debug among them; a program that only declares domains must see them too.
        Boot.ensureBooted();
        String n = declaredName(name);
        Domain d = DOMAINS.get(n);
        return d != null ? d : DOMAINS.computeIfAbsent(n, k -> Domain.of(DomainTable.register(k)));
    }

    private static String declaredName(String name) {
        if (name == null || name.isBlank()) {
            Settings.problem("a debug domain was declared with a " + (name == null ? "null" : "blank")
                    + " name; it is named <unnamed> and follows the default (*) only");
            return "<unnamed>";
        }
        String problem = DebugSpec.nameProblem(name.strip());
        if (problem != null) {
            String safe = malformed(name);
            Settings.problem("a debug domain was declared with a " + problem + "; it is registered as " + Escape.cut(safe)
                    + " and follows the default (*) only, because no setting can name it");
            return safe;
        }
        return DebugSpec.normalise(name);
    }

    /**
     * The registered name of a malformed domain name: {@code <malformed:...>} with every character
     * that is not a letter, digit, '_' or '-' (dots and control characters included) replaced
     * by '_', so it has no parent but {@code *} and can never forge a report or status line; past
     * {@link DebugSpec#MAX_NAME_LENGTH} characters, {@code _+N} counts the rest.
     */
    private static String malformed(String name) {
        String n = DebugSpec.normalise(name);
        int kept = Math.min(n.length(), DebugSpec.MAX_NAME_LENGTH);
        StringBuilder b = new StringBuilder(kept + 24).append("<malformed:");
        for (int i = 0; i < kept; i++) {
            char c = n.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            b.append(ok ? c : '_');
        }
        if (kept < n.length()) {
            b.append("_+").append(n.length() - kept); // bounded: the name appears in every report of the domain
        }
        return b.append('>').toString();
    }

    /** The effective mode of {@code domain} (registered or not) or of {@code *}. */
    public DebugMode mode(String domain) {
        return DomainTable.mode(domain);
    }

    /** {@link #set(String, DebugMode, String)} through the channel {@code api}. */
    public DebugDomains set(String domain, DebugMode mode) {
        return set(domain, mode, "api");
    }

    /**
     * Sets the mode of {@code domain} (or of {@code *}), naming {@code channel} in the change line.
     *
     * @throws IllegalArgumentException when {@code domain} is not a domain name or {@code *}
     *                                  (the message names it), or {@code mode} is null
     */
    public DebugDomains set(String domain, DebugMode mode, String channel) {
        if (mode == null) {
            throw new IllegalArgumentException("debug domain " + domain + ": mode must not be null; use inherit()"
                    + " to make it follow its parent");
        }
        DomainTable.change(domain, mode, channel);
        return this;
    }

    /** {@link #inherit(String, String)} through the channel {@code api}. */
    public DebugDomains inherit(String domain) {
        return inherit(domain, "api");
    }

    /**
     * Removes the setting of {@code domain}, so that it follows its parent again ({@code *}
     * then follows the built-in default, off).
     *
     * @throws IllegalArgumentException when {@code domain} is not a domain name or {@code *}
     */
    public DebugDomains inherit(String domain, String channel) {
        DomainTable.change(domain, null, channel);
        return this;
    }

    /**
     * Applies a spec in the {@code faultline.debug} grammar ({@code mm=panic,net=warn,*=off}),
     * entry by entry, each as {@link #set}. Returns one line per malformed entry (naming it
     * and its position); those change nothing, the others apply.
     */
    public List<String> apply(String spec, String channel) {
        return DomainTable.apply(spec, channel == null ? "api" : channel);
    }

    /**
     * One line per name: {@code *} first, then every registered domain and every name with a
     * setting, with its effective mode and where it comes from, e.g.
     * {@code mm.cache = panic (inherited from mm)}; a name that was set but never registered
     * says {@code no such domain is registered}.
     */
    public List<String> status() {
        return DomainTable.status();
    }

    /** Names that have a setting but no registered domain (often a typo in the spec), sorted. */
    public List<String> unregistered() {
        return DomainTable.unregistered();
    }

    /** Every registered domain's name, sorted. */
    public List<String> registered() {
        return DomainTable.registered();
    }
}
