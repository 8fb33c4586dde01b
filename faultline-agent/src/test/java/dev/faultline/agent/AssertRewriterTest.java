package dev.faultline.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The rewrite on javac's own output (the fixtures, compiled for 17): every assert found, each
 * replaced by the two linked checks, nothing else touched. That the result verifies and runs is
 * the integration tests' job ({@code -Xverify:all}).
 */
class AssertRewriterTest {
    static final Path FIXTURES = Path.of("target", "test-classes", "com", "acme", "asserts");

    @Test
    void everyAssertOfEveryPlaceIsRewrittenAndNoFlagReadIsLeftInACheck() throws IOException {
        int asserts = 0;
        List<Path> classes;
        try (Stream<Path> s = Files.list(FIXTURES)) {
            classes = s.filter(p -> p.getFileName().toString().startsWith("AllPlaces")).collect(Collectors.toList());
        }
        for (Path c : classes) {
            AssertRewriter.Result r = AssertRewriter.rewrite(Files.readAllBytes(c), "assert:com.acme.asserts");
            assertNull(r.problem, c + ": " + r.problem);
            asserts += r.asserts;
            if (r.bytes == null) {
                continue;
            }
            ClassNode node = new ClassNode();
            new ClassReader(r.bytes).accept(node, 0);
            int enabled = 0;
            int fired = 0;
            for (MethodNode m : node.methods) {
                for (AbstractInsnNode i = m.instructions.getFirst(); i != null; i = i.getNext()) {
                    if (i instanceof InvokeDynamicInsnNode) {
                        InvokeDynamicInsnNode indy = (InvokeDynamicInsnNode) i;
                        if (indy.bsm.getOwner().equals(AssertRewriter.BRIDGE)) {
                            assertEquals(List.of("assert:com.acme.asserts"), List.of(indy.bsmArgs));
                            enabled += indy.name.equals("enabled") ? 1 : 0;
                            fired += indy.name.equals("fired") ? 1 : 0;
                        }
                    }
                    if (i.getOpcode() == Opcodes.GETSTATIC && ((FieldInsnNode) i).name.equals("$assertionsDisabled")) {
                        // Only an interface's initialiser touches its holder's flag (with ifeq): not an assert.
                        assertEquals("<clinit>", m.name, c + " still reads the flag in " + m.name);
                    }
                }
            }
            assertEquals(r.asserts, enabled, c.toString());
            assertEquals(r.asserts, fired, c.toString());
        }
        assertEquals(24, asserts, "the asserts of AllPlaces and its nested classes (Below is another package)");
    }

    @Test
    void aClassWithoutAssertsIsNotEvenParsed() throws IOException {
        byte[] places = Files.readAllBytes(FIXTURES.resolve("Places.class"));
        assertSame(AssertRewriter.Result.NONE, AssertRewriter.rewrite(places, "assert:x"));
        assertTrue(AssertRewriter.mayHaveAsserts("..$assertionsDisabled..".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aClassFileTooOldOrUnreadableIsAProblemNotAnException() throws IOException {
        byte[] bytes = Files.readAllBytes(FIXTURES.resolve("AllPlaces.class"));
        bytes[7] = 50;
        assertTrue(AssertRewriter.rewrite(bytes, "assert:x").problem.contains("class file version 50 predates invokedynamic"));
        bytes[7] = (byte) 99; // a version this ASM does not know
        String problem = AssertRewriter.rewrite(bytes, "assert:x").problem;
        assertNotNull(problem);
        assertTrue(problem.startsWith("its class file cannot be read by the agent's ASM"), problem);
    }

    @Test
    void theTransformerLeavesGarbageAloneWithOneLineAndNeverThrows() {
        AssertTransformer t = new AssertTransformer(Object.class, AssertScope.parse("assert:com.acme=warn",
                new java.util.ArrayList<>()));
        byte[] garbage = "\u00ca\u00fe\u00ba\u00be not a class $assertionsDisabled".getBytes(StandardCharsets.ISO_8859_1);
        assertNull(t.transform(ClassLoader.getSystemClassLoader(), "com/acme/Broken", null, null, garbage));
        assertEquals(1, t.classesLeftUnchanged());
        assertNull(t.transform(ClassLoader.getSystemClassLoader(), "org/other/Broken", null, null, garbage),
                "outside the scope: not looked at");
        assertNull(t.transform(null, "com/acme/Boot", null, null, garbage), "the bootstrap loader's: never");
        assertEquals(1, t.classesLeftUnchanged());
    }
}
