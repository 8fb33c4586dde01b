package dev.faultline.docs;

import dev.faultline.Faultline;
import dev.faultline.RateLimit;
import dev.faultline.Site;
import java.time.Duration;

/** docs/guide/repeat-control.md: a rate-limited site, the process default and printRatelimited. */
final class RetryingClient {
    // [ratelimit]
    // At most 10 reports per 5 s (kernel defaults); the rest are counted, not printed.
    static final Site RETRY = Faultline.site("rpc.retry-storm", RateLimit.of(10, Duration.ofSeconds(5)));
    // The process-wide default: faultline.ratelimit_burst per faultline.ratelimit_interval_ms.
    static final Site SLOW = Faultline.site("db.slow-query", RateLimit.processDefault());

    boolean call(int attempts, String key, long millis) {
        if (RETRY.warnOn(attempts > 3, "attempt %s for %s", attempts, key)) {
            return false;                                  // give up on this key: the code recovers
        }
        SLOW.printRatelimited("query took %s ms", millis); // pr_warn_ratelimited: a NOTICE, no stack
        return true;
    }
    // [/ratelimit]
}
