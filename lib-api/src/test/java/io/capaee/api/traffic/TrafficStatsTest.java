// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrafficStatsTest {
    final RulesFixture clock = new RulesFixture();

    @Test
    void percentilesAreReadToWithinAQuarter() {
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) {
            h.record(i * 1_000_000L); // 1..100 ms
        }
        assertWithin(50e6, h.quantile(0.5));
        assertWithin(90e6, h.quantile(0.9));
        assertWithin(99e6, h.quantile(0.99));
        assertEquals(0, new LatencyHistogram().quantile(0.5));
    }

    static void assertWithin(double expected, long actual) {
        assertTrue(actual >= expected && actual <= expected * 1.25, expected + " vs " + actual);
    }

    @Test
    void theRateCoversTheLastMinute() {
        RateWindow rate = new RateWindow(clock::nanoTime);
        for (int s = 0; s < 30; s++) {
            for (int i = 0; i < 10; i++) {
                rate.record();
            }
            clock.advanceSeconds(1);
        }
        assertEquals(10.0, rate.perSecond(), 0.01);
        clock.advanceSeconds(90); // all of it is older than a minute
        assertEquals(0.0, rate.perSecond(), 0.01);
    }

    @Test
    void theJsonViewShowsWeightsErrorsAndBreakers() {
        TrafficRule rule = RouterTest.canary(0, null, null);
        TrafficStats stats = new TrafficStats(clock::nanoTime);
        Router router = new Router(() -> new TrafficRules(List.of(rule)), n -> 0, () -> 99, clock::nanoTime, stats);
        router.completed(rule, rule.upstreams().get(0), 200, 2_000_000);
        router.completed(rule, rule.upstreams().get(0), 500, 4_000_000);
        JsonObject view = Json.createReader(new StringReader(TrafficView.json(router, stats))).readObject();
        JsonObject v1 = view.getJsonArray("routes").getJsonObject(0).getJsonArray("upstreams").getJsonObject(0);
        assertEquals("v1", v1.getString("name"));
        assertEquals(95, v1.getInt("weight"));
        assertEquals(0.95, v1.getJsonNumber("share").doubleValue());
        assertEquals(2, v1.getInt("requests"));
        assertEquals(0.5, v1.getJsonNumber("errorRate").doubleValue());
        assertEquals("CLOSED", v1.getString("breaker"));
        assertTrue(v1.getJsonObject("latencyMs").getJsonNumber("p99").doubleValue() >= 4.0);
    }
}
