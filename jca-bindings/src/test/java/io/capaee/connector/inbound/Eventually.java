// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests for what other threads (turns, the timer) do. */
public final class Eventually {
    private Eventually() {
    }

    /** Polls {@code done} until it holds; fails the test after 10 s. */
    public static void await(BooleanSupplier done) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(5);
        }
        assertTrue(done.getAsBoolean(), "condition not reached in 10 s");
    }
}
