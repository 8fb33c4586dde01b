package dev.faultline.agent;

import java.nio.charset.StandardCharsets;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Rewrites the {@code assert} statements of one class into checks of a debug domain.
 *
 * <p>javac compiles {@code assert cond : detail;} into
 * <pre>
 *   getstatic   $assertionsDisabled      // the class's (or, in an interface, a synthetic holder's)
 *   ifne        SKIP
 *   ...cond...  (jumps to SKIP when it holds)
 *   new         java/lang/AssertionError
 *   dup
 *   ...detail...
 *   invokespecial AssertionError.&lt;init&gt;
 *   athrow
 * </pre>
 * and this becomes
 * <pre>
 *   invokedynamic enabled()Z             // AssertBridge.enabled, "assert:com.acme.mm"
 *   ifeq        SKIP
 *   ...cond...  (unchanged)
 *   new AssertionError ... invokespecial  (unchanged: the detail is evaluated, once, exactly as before)
 *   invokedynamic fired(AssertionError)V // AssertBridge.fired: a report in the domain's mode
 *   goto        SKIP                     // and the code goes on where a passing assert goes on
 * </pre>
 * Nothing else changes: no member is added or removed (so a class already loaded can be
 * retransformed), the stack is as deep as before, and the existing stack-map frames stay valid
 * (SKIP already has a frame, reached before with fewer locals set, and the stack is empty
 * there as at the {@code ifne}). {@code $assertionsDisabled} and its initialisation stay as they
 * are, so other code that reads it, or calls {@code desiredAssertionStatus()}, still sees
 * what {@code -ea}/{@code -da} say.
 *
 * <p>An assert is rewritten only when its whole shape is found; one whose throw cannot be
 * matched (for instance {@code assert true}, which has none) keeps reading
 * {@code $assertionsDisabled}, as before. The class is read and written by ASM without
 * computing frames or maxima, so ASM never loads a class to merge types.
 */
final class AssertRewriter {
    static final String BRIDGE = "dev/faultline/agent/bridge/AssertBridge";
    private static final String BSM_DESC = "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
            + "Ljava/lang/invoke/MethodType;Ljava/lang/String;)Ljava/lang/invoke/CallSite;";
    private static final Handle ENABLED = new Handle(Opcodes.H_INVOKESTATIC, BRIDGE, "enabled", BSM_DESC, false);
    private static final Handle FIRED = new Handle(Opcodes.H_INVOKESTATIC, BRIDGE, "fired", BSM_DESC, false);
    private static final String ERROR = "java/lang/AssertionError";
    private static final byte[] MARK = "$assertionsDisabled".getBytes(StandardCharsets.US_ASCII);

    /** The outcome: the new bytes and how many asserts; or no change, with the reason when it is a problem. */
    static final class Result {
        final byte[] bytes;
        final int asserts;
        final String problem;

        private Result(byte[] bytes, int asserts, String problem) {
            this.bytes = bytes;
            this.asserts = asserts;
            this.problem = problem;
        }

        static final Result NONE = new Result(null, 0, null);

        static Result problem(String why) {
            return new Result(null, 0, why);
        }
    }

    private AssertRewriter() {}

    /** True when the class file may hold an assert (its constant pool names {@code $assertionsDisabled}). */
    static boolean mayHaveAsserts(byte[] classFile) {
        outer:
        for (int i = 0, end = classFile.length - MARK.length; i <= end; i++) {
            for (int j = 0; j < MARK.length; j++) {
                if (classFile[i + j] != MARK[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Rewrites every assert of {@code classFile} into a check of {@code domain}. Returns
     * {@link Result#NONE} when there is nothing to rewrite, a problem when the class cannot be
     * rewritten; throws nothing the caller would not catch anyway (ASM's own errors on a
     * malformed or too new class file are reported as problems).
     */
    static Result rewrite(byte[] classFile, String domain) {
        if (!mayHaveAsserts(classFile)) {
            return Result.NONE;
        }
        ClassReader reader;
        try {
            reader = new ClassReader(classFile);
        } catch (IllegalArgumentException e) {
            return Result.problem("its class file cannot be read by the agent's ASM (" + e.getMessage() + ")");
        }
        int major = reader.readUnsignedShort(6);
        if (major < Opcodes.V1_7) {
            return Result.problem("class file version " + major + " predates invokedynamic (Java 7, version 51)");
        }
        ClassNode node = new ClassNode();
        reader.accept(node, 0);
        int asserts = 0;
        for (MethodNode m : node.methods) {
            asserts += rewrite(m, domain);
        }
        if (asserts == 0) {
            return Result.NONE;
        }
        // With the reader, the writer starts from the class's own constant pool, so attributes
        // that ASM does not know (and copies as bytes) keep pointing at the right entries.
        ClassWriter writer = new ClassWriter(reader, 0);
        node.accept(writer);
        return new Result(writer.toByteArray(), asserts, null);
    }

    /** Rewrites the asserts of one method; returns how many. */
    static int rewrite(MethodNode m, String domain) {
        InsnList code = m.instructions;
        int n = 0;
        for (AbstractInsnNode insn = code.getFirst(); insn != null; insn = insn.getNext()) {
            if (!isDisabledFlag(insn)) {
                continue;
            }
            AbstractInsnNode test = nextReal(insn);
            if (test == null || test.getOpcode() != Opcodes.IFNE) {
                continue; // e.g. an interface's <clinit> touching its holder: not an assert
            }
            LabelNode skip = ((JumpInsnNode) test).label;
            AbstractInsnNode thrown = assertThrow(test, skip);
            if (thrown == null) {
                continue;
            }
            InvokeDynamicInsnNode enabled = new InvokeDynamicInsnNode("enabled", "()Z", ENABLED, domain);
            code.set(insn, enabled);
            code.set(test, new JumpInsnNode(Opcodes.IFEQ, skip));
            InsnList report = new InsnList();
            report.add(new InvokeDynamicInsnNode("fired", "(L" + ERROR + ";)V", FIRED, domain));
            report.add(new JumpInsnNode(Opcodes.GOTO, skip));
            code.insert(thrown, report);
            code.remove(thrown);
            insn = enabled;
            n++;
        }
        return n;
    }

    private static boolean isDisabledFlag(AbstractInsnNode insn) {
        if (insn.getOpcode() != Opcodes.GETSTATIC) {
            return false;
        }
        FieldInsnNode f = (FieldInsnNode) insn;
        return f.name.equals("$assertionsDisabled") && f.desc.equals("Z");
    }

    /**
     * The {@code athrow} of the assert whose flag test is {@code test}: the throw block starts
     * with {@code new AssertionError} right after the test itself or after a conditional jump
     * to {@code skip} (the condition's last test), and ends with the {@code athrow} right
     * after the matching constructor call (counting nested {@code new AssertionError}s in the
     * detail). Null when the shape is not found before the next assert begins.
     */
    private static AbstractInsnNode assertThrow(AbstractInsnNode test, LabelNode skip) {
        AbstractInsnNode prev = test;
        AbstractInsnNode start = null;
        for (AbstractInsnNode i = nextReal(test); i != null; prev = i, i = nextReal(i)) {
            if (isDisabledFlag(i)) {
                return null;
            }
            if (isNewError(i) && (prev == test || jumpsTo(prev, skip))) {
                start = i;
                break;
            }
        }
        if (start == null) {
            return null;
        }
        int depth = 0;
        for (AbstractInsnNode i = start; i != null; i = nextReal(i)) {
            if (isNewError(i)) {
                depth++;
            } else if (i.getOpcode() == Opcodes.INVOKESPECIAL) {
                MethodInsnNode call = (MethodInsnNode) i;
                if (call.owner.equals(ERROR) && call.name.equals("<init>") && --depth == 0) {
                    AbstractInsnNode after = nextReal(i);
                    return after != null && after.getOpcode() == Opcodes.ATHROW ? after : null;
                }
            } else if (isDisabledFlag(i)) {
                return null;
            }
        }
        return null;
    }

    private static boolean isNewError(AbstractInsnNode i) {
        return i.getOpcode() == Opcodes.NEW && ((TypeInsnNode) i).desc.equals(ERROR);
    }

    private static boolean jumpsTo(AbstractInsnNode i, LabelNode target) {
        int op = i.getOpcode();
        boolean conditional = (op >= Opcodes.IFEQ && op <= Opcodes.IF_ACMPNE) || op == Opcodes.IFNULL
                || op == Opcodes.IFNONNULL;
        return conditional && ((JumpInsnNode) i).label == target;
    }

    /** The next instruction that is not a label, line number or frame. */
    private static AbstractInsnNode nextReal(AbstractInsnNode i) {
        AbstractInsnNode n = i.getNext();
        while (n != null && n.getOpcode() < 0) {
            n = n.getNext();
        }
        return n;
    }
}
