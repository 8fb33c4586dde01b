package dev.faultline.internal.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The signature rule, case by case: what is dropped and what is kept. */
class SignatureRuleTest {
    private static StackTraceElement frame(String cls, String method, int line) {
        return new StackTraceElement(cls, method, cls.substring(cls.lastIndexOf('.') + 1) + ".java", line);
    }

    @Test
    void generatedNumberingIsNormalized() {
        assertEquals("com.acme.Ledger$$Lambda", SignatureRule.normalize("com.acme.Ledger$$Lambda$14/0x0000000800c03000"));
        assertEquals("com.acme.Ledger$$Lambda", SignatureRule.normalize("com.acme.Ledger$$Lambda/0x0000000801003a00"));
        assertEquals("lambda$post$*", SignatureRule.normalize("lambda$post$0"));
        assertEquals("com.acme.Ledger$*", SignatureRule.normalize("com.acme.Ledger$3"));
        assertEquals("com.sun.proxy.$Proxy", SignatureRule.normalize("com.sun.proxy.$Proxy12"));
        assertEquals("com.acme.Repo$$EnhancerBySpringCGLIB$$*",
                SignatureRule.normalize("com.acme.Repo$$EnhancerBySpringCGLIB$$a1b2c3d4"));
        assertEquals("access$*", SignatureRule.normalize("access$000"));
        assertEquals("com.acme.Ledger$Inner2", SignatureRule.normalize("com.acme.Ledger$Inner2"), "a real name is kept");
        assertEquals("post2", SignatureRule.normalize("post2"));
    }

    @Test
    void lineNumbersLeaveSiteNames() {
        assertEquals("com.acme.Pool.alloc", SignatureRule.stripLines("com.acme.Pool.alloc:42"));
        assertEquals("com.acme.Pool.alloc(Pool.java)", SignatureRule.stripLines("com.acme.Pool.alloc(Pool.java:42)"));
        assertEquals("db:primary", SignatureRule.stripLines("db:primary"), "a name with a colon is kept");
        assertEquals("port:8080x", SignatureRule.stripLines("port:8080x"));
    }

    @Test
    void frameworkFramesAreSkippedAndThreeAppFramesKept() {
        List<StackTraceElement> stack = List.of(
                frame("java.util.ArrayList", "forEach", 1),
                frame("com.acme.Ledger", "post", 42),
                frame("org.springframework.aop.Proxy", "invoke", 7),
                frame("com.acme.Api", "handle", 9),
                frame("com.acme.Router", "route", 3),
                frame("com.acme.Main", "main", 1));
        assertEquals(List.of("com.acme.Ledger.post", "com.acme.Api.handle", "com.acme.Router.route"),
                java.util.Arrays.stream(SignatureRule.keptFrames(stack))
                        .map(e -> e.getClassName() + "." + e.getMethodName()).collect(java.util.stream.Collectors.toList()));
        String[] a = SignatureRule.compute("WARNING", "com.acme.Ledger.post:42", stack);
        assertEquals("WARNING in com.acme.Ledger.post", a[1]);
        assertEquals(16, a[0].length());
    }

    @Test
    void shiftedLinesKeepTheSignatureAndAnotherMethodChangesIt() {
        String[] a = SignatureRule.compute("WARNING", "com.acme.Ledger.post:42",
                List.of(frame("com.acme.Ledger", "post", 42), frame("com.acme.Api", "handle", 9)));
        String[] b = SignatureRule.compute("WARNING", "com.acme.Ledger.post:57",
                List.of(frame("com.acme.Ledger", "post", 57), frame("com.acme.Api", "handle", 11)));
        String[] c = SignatureRule.compute("WARNING", "com.acme.Ledger.refund:42",
                List.of(frame("com.acme.Ledger", "refund", 42), frame("com.acme.Api", "handle", 9)));
        String[] d = SignatureRule.compute("BUG", "com.acme.Ledger.post:42",
                List.of(frame("com.acme.Ledger", "post", 42), frame("com.acme.Api", "handle", 9)));
        assertEquals(a[0], b[0]);
        assertNotEquals(a[0], c[0]);
        assertNotEquals(a[0], d[0], "the kind is part of the bug");
    }

    @Test
    void jdkOnlyStackAndNoStackStillHaveATitle() {
        assertEquals("WARNING in java.lang.Thread.run",
                SignatureRule.compute("WARNING", "x", List.of(frame("java.lang.Thread", "run", 1)))[1]);
        assertEquals("NOTICE in net.retries", SignatureRule.compute("NOTICE", "net.retries", List.of())[1]);
        assertEquals("OOPS: java.lang.IllegalStateException in com.acme.W.run", SignatureRule.compute("OOPS",
                "java.lang.IllegalStateException", List.of(frame("com.acme.W", "run", 5)))[1]);
    }

    @Test
    void fnv1aMatchesTheReferenceValues() {
        // Published FNV-1a 64 test vectors: anyone can recompute a signature from the rule in docs/operations/signatures-and-triage.md.
        assertEquals(0xcbf29ce484222325L, SignatureRule.fnv1a(""));
        assertEquals(0xaf63dc4c8601ec8cL, SignatureRule.fnv1a("a"));
        assertEquals(0x85944171f73967e8L, SignatureRule.fnv1a("foobar"));
    }

    @Test
    void aRememberedSignatureIsNeverAnotherStacksOrSites() {
        // Few names, so that stacks share frames, slots collide and entries are overwritten.
        String[] classes = {"com.acme.Ledger", "com.acme.Orders", "java.util.HashMap", "org.springframework.web.Servlet",
                "com.acme.Ledger$$Lambda$14/0x0000000800c03000", "dev.faultline.internal.X"};
        String[] methods = {"post", "get", "lambda$post$0", "run"};
        String[] sites = {"ledger", "orders", "Ledger.post:42", "ledger.negative"};
        String[] kinds = {"WARNING", "BUG", "OOPS"};
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        int trials = 50_000;
        for (int t = 0; t < trials; t++) {
            int depth = random.nextInt(8);
            java.util.List<StackTraceElement> stack = new java.util.ArrayList<>();
            for (int d = 0; d < depth; d++) {
                // New strings each time, as frames of different captures have: equal, not the same.
                stack.add(frame(new String(classes[random.nextInt(classes.length)]),
                        new String(methods[random.nextInt(methods.length)]), random.nextInt(3)));
            }
            String kind = kinds[random.nextInt(kinds.length)];
            String site = sites[random.nextInt(sites.length)];
            String[] remembered = SignatureRule.compute(kind, site, stack);
            String[] fresh = SignatureRule.computeNow(kind, site, SignatureRule.keptFrames(stack));
            assertEquals(List.of(fresh), List.of(remembered), () -> kind + " " + site + " " + stack);
        }
        System.out.println("SignatureRuleTest: " + trials + " remembered signatures equal to fresh ones");
    }

    @Test
    void aCycleHasOneSignatureWhicheverThreadComesFirst() {
        List<StackTraceElement> debit = List.of(frame("jdk.internal.misc.Unsafe", "park", 1),
                frame("com.acme.Accounts", "debit", 42), frame("com.acme.Api", "pay", 7));
        List<StackTraceElement> audit = List.of(frame("com.acme.Audit", "record", 9), frame("com.acme.Api", "pay", 8));
        String[] ab = SignatureRule.computeForThreads("DEADLOCK", "deadlock", List.of(debit, audit));
        String[] ba = SignatureRule.computeForThreads("DEADLOCK", "deadlock", List.of(audit, debit));
        assertEquals(ab[0], ba[0]);
        assertEquals("DEADLOCK in com.acme.Accounts.debit", ab[1]);
        // Another build: other lines, the same methods.
        List<StackTraceElement> moved = List.of(frame("com.acme.Accounts", "debit", 50), frame("com.acme.Api", "pay", 9));
        assertEquals(ab[0], SignatureRule.computeForThreads("DEADLOCK", "deadlock", List.of(audit, moved))[0]);
        // Another cycle: another signature.
        List<StackTraceElement> refund = List.of(frame("com.acme.Accounts", "refund", 42));
        assertNotEquals(ab[0], SignatureRule.computeForThreads("DEADLOCK", "deadlock", List.of(refund, audit))[0]);
        assertEquals(frame("com.acme.Accounts", "debit", 42), SignatureRule.firstKept(debit));
    }
}
