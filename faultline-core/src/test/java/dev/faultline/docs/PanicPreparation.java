package dev.faultline.docs;

import dev.faultline.Registration;
import dev.faultline.panic.DumpReason;
import dev.faultline.panic.DumperWeight;
import dev.faultline.panic.Panics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** docs/operations/panic-path.md: a dumper, a notifier and the oops handler, registered at start. */
final class PanicPreparation {
    interface Orders {
        List<String> snapshot();
    }

    interface Balancer {
        void drain();
    }

    final Orders orders;
    final Balancer balancer;
    final List<Registration> registrations = new ArrayList<>();

    PanicPreparation(Orders orders, Balancer balancer) {
        this.orders = orders;
        this.balancer = balancer;
    }

    void prepare() {
        // [dumpers]
        Panics.addDumper("orders-in-flight", DumpReason.OOPS, Duration.ofMillis(200), DumperWeight.LIGHT,
                ctx -> ctx.print("in flight: " + orders.snapshot()));
        Panics.addNotifier("tell-the-balancer", Duration.ofMillis(500), (reason, report) -> balancer.drain());
        Panics.installOopsHandler();              // or faultline.oops_handler=1
        // [/dumpers]
    }
}
