package dev.faultline.spring.boot;

import dev.faultline.Registration;
import dev.faultline.panic.Panics;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Faultline's oops handler as the JVM's default uncaught-exception handler while the application
 * context lives: a thread dying of an uncaught exception gets an {@code OOPS} report, taints the
 * process {@code D} and counts towards {@code oops_limit}, then the handler it replaced runs (see
 * {@link Panics#installOopsHandler()}). On unless {@code faultline.oops-handler} is set to a false
 * value ({@code 0}, {@code false}, {@code off}, {@code no}). Closing the context restores the
 * handler it replaced. A failure to install is logged; the application starts anyway.
 */
public class FaultlineOopsHandler implements DisposableBean {
    private static final Log LOG = LogFactory.getLog(FaultlineOopsHandler.class);

    private final Registration registration;

    /** Installs the handler unless {@code setting} is a false value; null means on (the starter's default). */
    public FaultlineOopsHandler(String setting) {
        Registration r = null;
        if (!isOff(setting)) {
            try {
                r = Panics.installOopsHandler();
            } catch (Throwable e) {
                LOG.error("Faultline: could not install the oops handler; uncaught exceptions are not reported as oopses", e);
            }
        }
        this.registration = r;
    }

    /** True when the handler is installed by this bean. */
    public boolean installed() {
        return registration != null;
    }

    static boolean isOff(String setting) {
        if (setting == null) {
            return false;
        }
        String s = setting.strip().toLowerCase(java.util.Locale.ROOT);
        return s.equals("0") || s.equals("false") || s.equals("off") || s.equals("no");
    }

    @Override
    public void destroy() {
        if (registration != null) {
            registration.close();
        }
    }
}
