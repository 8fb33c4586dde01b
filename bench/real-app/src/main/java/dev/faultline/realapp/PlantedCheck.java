package dev.faultline.realapp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.springframework.stereotype.Component;

/**
 * The planted warning: with {@code -Dreal-app.planted=true} (and Faultline on the class path) an
 * owner without pets fires a {@code warnOn} limited to one report per 5 s on the site {@code real-app.no-pets}
 * (every 20th owner: the load hits it now and then). Looked up by name so that the code builds,
 * and the base arm runs, without Faultline; otherwise a no-op.
 */
@Component
class PlantedCheck {
    private final Object site;
    private final MethodHandle warnOn;

    PlantedCheck() throws Throwable {
        Object s = null;
        MethodHandle w = null;
        if (Boolean.getBoolean("real-app.planted")) {
            Class<?> faultline = Class.forName("dev.faultline.Faultline");
            Class<?> siteClass = Class.forName("dev.faultline.Site");
            Class<?> rateLimit = Class.forName("dev.faultline.RateLimit");
            Object oncePer5s = rateLimit.getMethod("of", int.class, java.time.Duration.class)
                    .invoke(null, 1, java.time.Duration.ofSeconds(5));
            s = faultline.getMethod("site", String.class, rateLimit).invoke(null, "real-app.no-pets", oncePer5s);
            w = MethodHandles.publicLookup().findVirtual(siteClass, "warnOn",
                    MethodType.methodType(boolean.class, boolean.class, String.class, Object.class));
        }
        site = s;
        warnOn = w;
    }

    void check(boolean condition, Object ownerId) {
        if (warnOn == null) {
            return;
        }
        try {
            boolean ignored = (boolean) warnOn.invoke(site, condition, "owner %s has no pets", ownerId);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
