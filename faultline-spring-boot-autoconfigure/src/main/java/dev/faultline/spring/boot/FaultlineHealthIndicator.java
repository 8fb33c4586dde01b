package dev.faultline.spring.boot;

import dev.faultline.Faultline;
import dev.faultline.Policy;
import dev.faultline.report.Taint;
import java.util.Set;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The health contributor {@code faultline} (opt-in: {@code faultline.health.enabled=true}). The
 * policy, in this order:
 * <ul>
 *   <li>{@code DOWN} once a thread has died of an uncaught exception (taint {@code D}): work it
 *       owned is lost and locks it held may never be released, so the process should be
 *       replaced; taint never clears, so it stays DOWN;</li>
 *   <li>{@code OUT_OF_SERVICE} when {@code warn_limit} or {@code oops_limit} is set and at most
 *       {@code faultline.health.limit-margin} (default 1) more warnings or oopses would reach it
 *       and panic the process: take it out of rotation before the operator's limit halts it
 *       mid-request;</li>
 *   <li>{@code UP} otherwise (warnings alone, taint {@code W}, do not make a service unhealthy).</li>
 * </ul>
 * Details: {@code taint}, {@code warnings}, {@code oopses}, {@code warnLimit}, {@code oopsLimit}.
 */
public class FaultlineHealthIndicator extends AbstractHealthIndicator {
    private final int margin;

    /** {@code limitMargin}: how many more warnings or oopses before a limit count as near (negative reads as 0). */
    public FaultlineHealthIndicator(int limitMargin) {
        super("Faultline health check failed");
        this.margin = Math.max(0, limitMargin);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Set<Taint> taints = Faultline.taints();
        Policy policy = Faultline.policy();
        long warnings = Faultline.warnCount();
        long oopses = Faultline.oopsCount();
        if (taints.contains(Taint.DIED)) {
            builder.down();
        } else if (near(warnings, policy.warnLimit()) || near(oopses, policy.oopsLimit())) {
            builder.outOfService();
        } else {
            builder.up();
        }
        builder.withDetail("taint", Faultline.taintLine())
                .withDetail("warnings", warnings)
                .withDetail("oopses", oopses)
                .withDetail("warnLimit", policy.warnLimit())
                .withDetail("oopsLimit", policy.oopsLimit());
    }

    private boolean near(long count, int limit) {
        return limit > 0 && limit - count <= margin;
    }
}
