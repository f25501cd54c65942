// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatsErrorLogTest {
    private final List<Long> lines = new ArrayList<>();
    private final NatsErrorLog.Bounded bounded = new NatsErrorLog.Bounded();

    @Test
    void aFloodOfDiscardedMessagesWritesOneLineAMinuteWithTheCountSinceTheLast() {
        bounded.report(0, lines::add);
        for (int i = 1; i <= 10_000; i++) {
            bounded.report(i, lines::add); // all within the first minute
        }
        bounded.report(NatsErrorLog.QUIET_NANOS, lines::add);

        assertEquals(List.of(1L, 10_001L), lines);
    }

    @Test
    void aReportAfterAQuietMinuteIsLoggedAtOnce() {
        bounded.report(0, lines::add);
        bounded.report(5 * NatsErrorLog.QUIET_NANOS, lines::add);

        assertEquals(List.of(1L, 1L), lines);
    }
}
