package dev.faultline.jmx;

/**
 * Who asked for a run-time change: the management channel ({@code jmx}, {@code actuator}, an
 * admin console of your own) and, when the channel knows them, the remote address and the
 * principal of the request. Every change line names it after {@code via}:
 * <pre>
 * faultline: faultline.warn_limit changed from 0 to 100 (via actuator from 10.0.0.7 as alice)
 * faultline: faultline.panic_on_warn changed from 0 to 1 (via actuator from 10.0.0.7, unauthenticated)
 * faultline: debug domain mm changed from panic to warn (via jmx from 127.0.0.1 as monitorRole)
 * faultline: faultline.warn_limit changed from 0 to 100 (via jmx)
 * </pre>
 * Build one per request and hand it to {@link FaultlineJmx#control(ChangeOrigin)}; its
 * {@link #toString()} is also a channel for the {@code Policy} and {@code DebugDomains} setters.
 *
 * <p>The address and the principal come from the request and are not trusted: each is cut to
 * {@link #MAX_TEXT} characters ({@code …} marks a cut), a principal with characters other than
 * letters, digits and {@code . _ @ : + / = ~ -} is quoted ({@code as 'CN=Alice Smith,OU=Ops'},
 * a quote inside doubled), and the line that names them escapes control characters, so no
 * request can forge or split a change line. Immutable.
 */
public final class ChangeOrigin {
    /** The longest address or principal kept, in characters. */
    public static final int MAX_TEXT = 128;

    private final String channel;
    private final String remoteAddress;
    private final String principal;
    /** True once {@link #as(String)} said the request carried no principal. */
    private final boolean unauthenticated;

    private ChangeOrigin(String channel, String remoteAddress, String principal, boolean unauthenticated) {
        this.channel = channel;
        this.remoteAddress = remoteAddress;
        this.principal = principal;
        this.unauthenticated = unauthenticated;
    }

    /**
     * An origin naming {@code channel} only, as in {@code (via jmx)}.
     *
     * @param channel a name of letters, digits, {@code .}, {@code _} or {@code -} (1 to 32)
     * @throws IllegalArgumentException when {@code channel} is null or not such a name
     */
    public static ChangeOrigin of(String channel) {
        if (channel == null || !channel.matches("[A-Za-z0-9._-]{1,32}")) {
            throw new IllegalArgumentException("channel must be 1 to 32 letters, digits, '.', '_' or '-': "
                    + (channel == null ? null : cut(channel)));
        }
        return new ChangeOrigin(channel, null, null, false);
    }

    /**
     * This origin with the request's remote address ({@code from 10.0.0.7}); null or blank: not
     * known (nothing is said about it).
     */
    public ChangeOrigin from(String remoteAddress) {
        String a = remoteAddress == null || remoteAddress.isBlank() ? null : cut(remoteAddress.strip());
        return new ChangeOrigin(channel, a, principal, unauthenticated);
    }

    /**
     * This origin with the request's authenticated principal ({@code as alice}); null or blank:
     * the request carried none, and the line says {@code unauthenticated}.
     */
    public ChangeOrigin as(String principal) {
        String p = principal == null || principal.isBlank() ? null : cut(principal.strip());
        return new ChangeOrigin(channel, remoteAddress, p, p == null);
    }

    /** The channel: {@code jmx}, {@code actuator}, .... */
    public String channel() {
        return channel;
    }

    /** The remote address, cut to {@link #MAX_TEXT}; null when not known. */
    public String remoteAddress() {
        return remoteAddress;
    }

    /** The principal's name, cut to {@link #MAX_TEXT}; null when there was none or it is not known. */
    public String principal() {
        return principal;
    }

    /**
     * What change lines say after {@code via}: the channel, then {@code from ADDRESS} when the
     * address is known, then {@code as PRINCIPAL}, or {@code , unauthenticated} when
     * {@link #as(String)} was given none. Not escaped: the line that names it escapes it.
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(channel);
        if (remoteAddress != null) {
            b.append(" from ").append(remoteAddress);
        }
        if (principal != null) {
            b.append(" as ").append(quoted(principal));
        } else if (unauthenticated) {
            b.append(", unauthenticated");
        }
        return b.toString();
    }

    private static String cut(String s) {
        if (s.length() <= MAX_TEXT) {
            return s;
        }
        int end = MAX_TEXT - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "…";
    }

    /** {@code name} as is when it is plain; otherwise in single quotes, a quote inside doubled. */
    private static String quoted(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "._@:+/=~-".indexOf(c) >= 0;
            if (!plain) {
                return "'" + name.replace("'", "''") + "'";
            }
        }
        return name;
    }
}
