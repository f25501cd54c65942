// SPDX-License-Identifier: Apache-2.0
import java.nio.file.*;
import org.objectweb.asm.*;

/**
 * Experiment only, never for the engine: writes to the directory args[0] a copy of Chicory's
 * compiler class Shaded whose checkInterruption (called at every loop back-edge of compiled code,
 * what makes the per-call time limit enforceable) does nothing. Measures what that check costs:
 *   java -cp lib-api/target/capsule.jar bench/compute/NoInterruptCheck.java /tmp/nocheck
 *   JAVA_CP_PREFIX=/tmp/nocheck bench/compute.sh
 */
public class NoInterruptCheck {
    public static void main(String[] a) throws Exception {
        byte[] in;
        try (var s = ClassLoader.getSystemResourceAsStream("com/dylibso/chicory/compiler/internal/Shaded.class")) { in = s.readAllBytes(); }
        ClassReader r = new ClassReader(in);
        ClassWriter w = new ClassWriter(r, 0);
        r.accept(new ClassVisitor(Opcodes.ASM9, w) {
            @Override public MethodVisitor visitMethod(int acc, String name, String desc, String sig, String[] ex) {
                MethodVisitor mv = super.visitMethod(acc, name, desc, sig, ex);
                if (!name.equals("checkInterruption")) return mv;
                mv.visitCode(); mv.visitInsn(Opcodes.RETURN); mv.visitMaxs(0, 0); mv.visitEnd();
                return null;
            }
        }, 0);
        Path out = Path.of(a[0], "com/dylibso/chicory/compiler/internal/Shaded.class");
        Files.createDirectories(out.getParent());
        Files.write(out, w.toByteArray());
    }
}
