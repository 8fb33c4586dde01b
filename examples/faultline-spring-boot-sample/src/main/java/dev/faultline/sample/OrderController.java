package dev.faultline.sample;

import dev.faultline.DebugDomain;
import dev.faultline.Faultline;
import dev.faultline.RateLimit;
import dev.faultline.Site;
import java.time.Duration;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Orders, with two checks seeded to fire:
 * <ul>
 *   <li>{@link #NEGATIVE_QUANTITY}: every 7th order comes with a negative quantity; the site
 *       warns (at most 5 reports per second, the rest counted) and the order is rejected;</li>
 *   <li>the debug domain {@code orders} ({@link #ORDERS}): an expensive ledger check that runs
 *       only while the domain is on (off by default; switch it with the actuator endpoint); every
 *       5th order leaves the ledger unbalanced.</li>
 * </ul>
 */
@RestController
public class OrderController {
    /** The seeded warning's site. */
    static final Site NEGATIVE_QUANTITY = Faultline.site("orders.negative-quantity", RateLimit.of(5, Duration.ofSeconds(1)));
    /** The debug domain of the ledger checks. */
    static final DebugDomain ORDERS = Faultline.domain("orders");

    @GetMapping("/orders/{id}")
    public Map<String, Object> order(@PathVariable("id") long id) {
        long quantity = id % 7 == 0 ? -1 : 1 + id % 3;
        if (NEGATIVE_QUANTITY.warnOn(quantity < 0, "order %s has quantity %s", id, quantity)) {
            return Map.of("id", id, "status", "rejected");
        }
        if (ORDERS.enabled()) {
            // Expensive while on; not even evaluated while the domain is off.
            ORDERS.warnOn(!ledgerBalanced(id), "ledger unbalanced after order %s", id);
        }
        return Map.of("id", id, "status", "accepted", "quantity", quantity);
    }

    private static boolean ledgerBalanced(long id) {
        return id % 5 != 0;
    }
}
