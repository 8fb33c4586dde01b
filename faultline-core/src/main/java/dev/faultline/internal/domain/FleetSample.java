package dev.faultline.internal.domain;

import dev.faultline.internal.config.Keys;
import dev.faultline.internal.config.Settings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Which hosts a sampled debug spec entry ({@code mm=panic@2%}) applies to: a stable hash of
 * this host's identity and the domain's name, so that the same host stays in the sample across
 * restarts (its evidence accumulates) and different domains pick different hosts (one host
 * does not carry every check).
 *
 * <p>The hash is FNV-1a over the UTF-8 bytes of {@code host + '\0' + domain}, finished with the
 * SplitMix64 mixer; the host is in the sample when the hash, reduced to 0..9999, is below the
 * percentage in hundredths. It depends on nothing but those two strings: every JVM, version and
 * platform agrees.
 */
public final class FleetSample {
    /** Hundredths of a percent: 10000 is 100 %. */
    public static final int WHOLE = 10_000;

    private static volatile String hostId;

    private FleetSample() {}

    /** True when {@code host} is in the sample of {@code basisPoints} hundredths of a percent for {@code domain}. */
    public static boolean in(String host, String domain, int basisPoints) {
        return bucket(host, domain) < basisPoints;
    }

    /** The host's place for {@code domain}, 0 to 9999. */
    static int bucket(String host, String domain) {
        long h = 0xcbf29ce484222325L;
        for (byte b : (host + '\0' + domain).getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return (int) Long.remainderUnsigned(h, WHOLE);
    }

    /**
     * This host's identity: {@code faultline.host_id}, else the {@code HOSTNAME} environment
     * variable, else the first line of {@code /etc/hostname}, else {@code "unknown-host"}. No
     * name-service lookup: it must not block the start. Read once.
     */
    public static String hostId() {
        String id = hostId;
        if (id == null) {
            id = readHostId();
            hostId = id;
        }
        return id;
    }

    private static String readHostId() {
        Settings.Raw raw = Settings.raw(Keys.HOST_ID);
        if (raw != null && !raw.value.isBlank()) {
            return raw.value.strip();
        }
        try {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env.strip();
            }
        } catch (SecurityException e) {
            // fall through
        }
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String line = Files.readString(etc, StandardCharsets.UTF_8).strip();
                int nl = line.indexOf('\n');
                line = nl < 0 ? line : line.substring(0, nl).strip();
                if (!line.isEmpty()) {
                    return line;
                }
            }
        } catch (Exception e) {
            // fall through
        }
        return "unknown-host";
    }

    /** {@code 2%}, {@code 0.5%}: a percentage in hundredths, as written in a spec. */
    public static String percent(int basisPoints) {
        String whole = Integer.toString(basisPoints / 100);
        int frac = basisPoints % 100;
        if (frac == 0) {
            return whole + "%";
        }
        return whole + "." + (frac % 10 == 0 ? Integer.toString(frac / 10) : (frac < 10 ? "0" : "") + frac) + "%";
    }
}
