package dev.faultline.internal.jmx;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.attribute.UserPrincipal;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * Who is at the other end of a Unix-domain connection ({@code SO_PEERCRED}, from the optional
 * {@code jdk.net} module). The only class of core that names {@code jdk.net} types, so that the
 * rest loads in a runtime without that module.
 */
final class PeerCredentials {
    private PeerCredentials() {}

    /** Throws (a {@link LinkageError}) when the runtime has no {@code jdk.net} module. */
    static void check() {
        if (!ExtendedSocketOptions.SO_PEERCRED.type().equals(UnixDomainPrincipal.class)) {
            throw new IllegalStateException("SO_PEERCRED does not give a UnixDomainPrincipal");
        }
    }

    /** The user the peer of {@code channel} ran as when it connected, or null when that cannot be told. */
    static UserPrincipal of(SocketChannel channel) {
        try {
            UnixDomainPrincipal p = channel.getOption(ExtendedSocketOptions.SO_PEERCRED);
            return p == null ? null : p.user();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
