package dev.faultline.bench;

import com.google.common.base.MoreObjects;
import dev.faultline.dump.Snapshots;
import dev.faultline.dump.Snapshottable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Turning a 10-field object into text: a hand-written {@code toString()} through
 * {@code String.valueOf} (the plain code), Guava's {@code MoreObjects.toStringHelper}, and a
 * Faultline snapshot dump — by the type's own {@link Snapshottable#snapshot()} (a record) and by
 * reflection (copy, re-read and compare). The dumps do more work on purpose (two reads, escaping
 * rules, bounds, redaction); the ratio says what that safety costs on the cold path of a check.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class SnapshotDumpBench {
    /** Ten fields (read by reflection) and a hand-written {@code toString()}. */
    static final class Order extends OrderFields {
        @Override
        public String toString() {
            return "Order{id=" + id + ", quantity=" + quantity + ", customer=" + customer + ", price=" + price
                    + ", express=" + express + ", warehouse=" + warehouse + ", createdMillis=" + createdMillis
                    + ", attempts=" + attempts + ", state=" + state + ", grade=" + grade + "}";
        }
    }

    /** The same ten fields, offering its own snapshot. */
    static final class SnapshottableOrder extends OrderFields implements Snapshottable {
        record State(long id, int quantity, String customer, double price, boolean express, String warehouse,
                long createdMillis, int attempts, String state, char grade) {}

        @Override
        public State snapshot() {
            return new State(id, quantity, customer, price, express, warehouse, createdMillis, attempts, state, grade);
        }
    }

    /** The ten fields both orders share. */
    static class OrderFields {
        long id = 4_221_337L;
        int quantity = 12;
        String customer = "acme-corp";
        double price = 19.99;
        boolean express = true;
        String warehouse = "eu-west-2";
        long createdMillis = 1_763_712_000_000L;
        int attempts = 3;
        String state = "PICKING";
        char grade = 'B';
    }

    Order order = new Order();
    SnapshottableOrder snapshottable = new SnapshottableOrder();

    @Benchmark
    public String baseline() {
        return String.valueOf(order);
    }

    @Benchmark
    public String guava_toStringHelper() {
        Order o = order;
        return MoreObjects.toStringHelper(o)
                .add("id", o.id).add("quantity", o.quantity).add("customer", o.customer).add("price", o.price)
                .add("express", o.express).add("warehouse", o.warehouse).add("createdMillis", o.createdMillis)
                .add("attempts", o.attempts).add("state", o.state).add("grade", o.grade)
                .toString();
    }

    @Benchmark
    public String faultline_snapshot() {
        return Snapshots.dump(snapshottable).raw();
    }

    @Benchmark
    public String faultline_reflective() {
        return Snapshots.dump(order).raw();
    }
}
