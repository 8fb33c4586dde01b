package dev.faultline.spring.boot;

import org.springframework.util.ClassUtils;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The remote address of the servlet request this thread is serving, for the endpoint's change
 * lines: the address the web server sees ({@code HttpServletRequest.getRemoteAddr()}), so behind
 * a proxy the proxy's, unless the application trusts forwarded headers
 * ({@code server.forward-headers-strategy}). Null when there is no servlet request (WebFlux,
 * JMX, a direct call) or no servlet stack on the class path. Never throws.
 */
final class RequestAddress {
    /** Spring MVC's request holder and the servlet API: without both there is no servlet request to ask. */
    private static final boolean SERVLET = ClassUtils.isPresent("org.springframework.web.context.request.RequestContextHolder",
            RequestAddress.class.getClassLoader())
            && ClassUtils.isPresent("jakarta.servlet.http.HttpServletRequest", RequestAddress.class.getClassLoader());

    private RequestAddress() {}

    static String current() {
        if (!SERVLET) {
            return null;
        }
        try {
            return Servlet.remoteAddress();
        } catch (Throwable e) {
            return null;
        }
    }

    /** Loaded only when the servlet stack is there: it names its types. */
    private static final class Servlet {
        static String remoteAddress() {
            RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
            if (attributes instanceof ServletRequestAttributes) {
                return ((ServletRequestAttributes) attributes).getRequest().getRemoteAddr();
            }
            return null;
        }
    }
}
