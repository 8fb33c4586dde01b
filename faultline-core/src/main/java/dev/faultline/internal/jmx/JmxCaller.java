package dev.faultline.internal.jmx;

import dev.faultline.jmx.ChangeOrigin;
import java.lang.reflect.Method;
import java.security.Principal;
import java.util.Set;
import java.util.StringJoiner;
import javax.security.auth.Subject;

/**
 * Who is calling the registered MBean, for its change lines: a call that came over an RMI
 * connector (a remote JMX client, or {@code ./faultline} through the local connector) names the
 * client's address and the principals the connector authenticated ({@code jmx from 127.0.0.1
 * as monitorRole}, or {@code , unauthenticated} when the connector authenticates no one); a call
 * made inside this process (code, or an agent that bridges JMX to HTTP) names only {@code jmx},
 * because nothing here can tell who is behind it. Never throws.
 */
final class JmxCaller {
    /** {@code Subject.current()} (JDK 18+), else {@code Subject.getSubject(AccessController.getContext())}. */
    private static final Method CURRENT = currentSubject();

    private JmxCaller() {}

    /** The origin of the JMX call this thread is serving, on channel {@code channel}. */
    static ChangeOrigin origin(String channel) {
        ChangeOrigin o = ChangeOrigin.of(channel);
        String host = clientHost();
        if (host == null) {
            return o;
        }
        return o.from(host).as(principals());
    }

    /** The RMI client's host while this thread serves an RMI call; null otherwise (or without {@code java.rmi}). */
    private static String clientHost() {
        try {
            return java.rmi.server.RemoteServer.getClientHost();
        } catch (Throwable notInACall) {
            return null;
        }
    }

    /** The names of the current subject's principals, joined by {@code ,}; null when there is none. */
    private static String principals() {
        try {
            if (CURRENT == null) {
                return null;
            }
            Object subject = CURRENT.getParameterCount() == 0 ? CURRENT.invoke(null)
                    : CURRENT.invoke(null, accessControlContext());
            if (!(subject instanceof Subject)) {
                return null;
            }
            Set<Principal> all = ((Subject) subject).getPrincipals();
            StringJoiner names = new StringJoiner(",");
            for (Principal p : all) {
                names.add(p.getName());
            }
            return names.length() == 0 ? null : names.toString();
        } catch (Throwable e) {
            return null;
        }
    }

    private static Method currentSubject() {
        try {
            return Subject.class.getMethod("current");
        } catch (Throwable e) {
            try {
                // Deprecated for removal, hence by reflection; on JDK 17 the JMX connector still
                // runs each call inside Subject.doAs, where this finds the subject.
                return Subject.class.getMethod("getSubject", Class.forName("java.security.AccessControlContext"));
            } catch (Throwable e2) {
                return null;
            }
        }
    }

    private static Object accessControlContext() throws Exception {
        return Class.forName("java.security.AccessController").getMethod("getContext").invoke(null);
    }
}
