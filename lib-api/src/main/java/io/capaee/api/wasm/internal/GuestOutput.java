// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The guest's WASI stdout and stderr. Capsule discarded them, and so do we, except for the last
 * kilobyte each call writes: TinyGo prints its panic message there ("panic: runtime error: out of
 * memory") just before it traps, and that text is what explains the trap. Guests run on the
 * calling thread, so the tail is kept per thread.
 */
public final class GuestOutput extends OutputStream {
    private static final int KEEP = 1024;

    private final ThreadLocal<Tail> tails = ThreadLocal.withInitial(Tail::new);

    private static final class Tail {
        private final byte[] bytes = new byte[KEEP];
        private int start;
        private int length;

        void add(byte b) {
            bytes[(start + length) % KEEP] = b;
            if (length < KEEP) {
                length++;
            } else {
                start = (start + 1) % KEEP;
            }
        }

        String text() {
            byte[] out = new byte[length];
            for (int i = 0; i < length; i++) {
                out[i] = bytes[(start + i) % KEEP];
            }
            return new String(out, StandardCharsets.UTF_8);
        }
    }

    @Override
    public void write(int b) {
        tails.get().add((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        Tail tail = tails.get();
        for (int i = Math.max(off, off + len - KEEP); i < off + len; i++) {
            tail.add(b[i]);
        }
    }

    /** Forgets what the current thread's previous call wrote. */
    public void reset() {
        Tail tail = tails.get();
        tail.start = 0;
        tail.length = 0;
    }

    /** The last line the current thread's call wrote, trimmed; empty when it wrote nothing. */
    public String lastLine() {
        String text = tails.get().text().strip();
        int newline = text.lastIndexOf('\n');
        return newline < 0 ? text : text.substring(newline + 1).strip();
    }
}
