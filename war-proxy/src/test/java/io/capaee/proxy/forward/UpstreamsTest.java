// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UpstreamsTest {
    private final AtomicLong clock = new AtomicLong();
    private final Upstreams upstreams = new Upstreams(Duration.ofSeconds(10), clock::get);
    private final List<String> urls = List.of("http://a", "http://b", "http://c");

    @Test
    void eachRevisionHasItsOwnRoundRobinStartingAtTheFirstUrl() {
        assertEquals(0, upstreams.start("f", "default", 3));
        assertEquals(1, upstreams.start("f", "default", 3));
        assertEquals(0, upstreams.start("f", "blue", 2));
        assertEquals(2, upstreams.start("f", "default", 3));
        assertEquals(0, upstreams.start("f", "default", 3));
        assertEquals(0, upstreams.start("f", "default", 2), "a shrunk list never indexes out of range");
    }

    @Test
    void anUnhealthyUpstreamIsSkippedForAWhile() {
        upstreams.markUnhealthy("http://b");
        assertEquals(2, upstreams.next(urls, 1, 0));
        assertEquals(0, upstreams.next(urls, 1, 1L << 2));
        clock.addAndGet(Duration.ofSeconds(10).toNanos());
        assertEquals(1, upstreams.next(urls, 1, 0));
    }

    @Test
    void whenOnlyUnhealthyUpstreamsAreLeftTheyAreTriedAnyway() {
        urls.forEach(upstreams::markUnhealthy);
        assertEquals(1, upstreams.next(urls, 1, 0));
        assertEquals(-1, upstreams.next(urls, 0, 0b111));
    }
}
