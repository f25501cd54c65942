// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import static io.capaee.api.traffic.RulesFixture.get;
import static io.capaee.api.traffic.RulesFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RouterTest {
    final RulesFixture clock = new RulesFixture();
    final TrafficStats stats = new TrafficStats(clock::nanoTime);

    static TrafficRule canary(int retries, String pin, Mirror mirror) {
        return new TrafficRule("shop", new Match(null, "/shop", null, null),
                List.of(new Upstream("v1", "http://127.0.0.1:1", 95), new Upstream("v2", "http://127.0.0.1:2", 5)), pin, false, mirror,
                null, retries, new BreakerSettings(3, Duration.ofSeconds(10)));
    }

    Router router(TrafficRule rule, Random random) {
        return new Router(() -> new TrafficRules(List.of(rule)), random::nextInt, () -> random.nextDouble() * 100, clock::nanoTime, stats);
    }

    @Test
    void weightsSplitTheTrafficInProportion() {
        Router router = router(canary(0, null, null), new Random(42));
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            counts.merge(router.route(get("/shop/x")).orElseThrow().chosen().name(), 1, Integer::sum);
        }
        assertEquals(10_000, counts.get("v1") + counts.get("v2"));
        assertTrue(Math.abs(counts.get("v2") - 500) < 100, "about 5 % to v2: " + counts);
    }

    @Test
    void eachRollPicksItsUpstreamExactly() {
        TrafficRule rule = canary(0, null, null);
        assertEquals("v1", WeightedChoice.pick(rule.upstreams(), u -> true, 0).name());
        assertEquals("v1", WeightedChoice.pick(rule.upstreams(), u -> true, 94).name());
        assertEquals("v2", WeightedChoice.pick(rule.upstreams(), u -> true, 95).name());
        assertEquals("v2", WeightedChoice.pick(rule.upstreams(), u -> true, 99).name());
        assertEquals(5, WeightedChoice.total(rule.upstreams(), u -> u.name().equals("v2")));
        assertEquals("v2", WeightedChoice.pick(rule.upstreams(), u -> u.name().equals("v2"), 0).name());
    }

    @Test
    void aPinHeaderSendsEveryRequestToTheVersionItNames() {
        Router router = router(canary(2, "x-version", null), new Random(1));
        for (int i = 0; i < 1000; i++) {
            Decision d = router.route(request("h", "GET", "/shop", Map.of("X-Version", "v2"))).orElseThrow();
            assertTrue(d.pinned());
            assertEquals(List.of("v2", "v2", "v2"), d.attempts().stream().map(Upstream::name).toList());
        }
        // an unknown version is not a pin: weights decide
        assertFalse(router.route(request("h", "GET", "/shop", Map.of("x-version", "v9"))).orElseThrow().pinned());
    }

    @Test
    void retriesGoToTheOtherUpstreams() {
        Router router = new Router(() -> new TrafficRules(List.of(canary(2, null, null))), n -> 0, () -> 99, clock::nanoTime, stats);
        Decision d = router.route(get("/shop")).orElseThrow();
        assertEquals(List.of("v1", "v2", "v2"), d.attempts().stream().map(Upstream::name).toList());
    }

    @Test
    void aShareOfTheTrafficIsMirrored() {
        Router router = router(canary(0, null, new Mirror("http://127.0.0.1:3", 20)), new Random(7));
        int mirrored = 0;
        for (int i = 0; i < 10_000; i++) {
            if (router.route(get("/shop")).orElseThrow().mirrored()) {
                mirrored++;
            }
        }
        assertTrue(Math.abs(mirrored - 2000) < 200, "about 20 % mirrored: " + mirrored);
        assertEquals(mirrored, stats.mirroredCount("shop"));
    }

    @Test
    void failuresOpenTheBreakerAndTheOtherUpstreamTakesAllTraffic() {
        TrafficRule rule = canary(0, null, null);
        Router router = new Router(() -> new TrafficRules(List.of(rule)), n -> 0, () -> 99, clock::nanoTime, stats);
        Upstream v1 = rule.upstreams().get(0);
        for (int i = 0; i < 3; i++) {
            assertEquals("v1", router.route(get("/shop")).orElseThrow().chosen().name());
            router.completed(rule, v1, 503, 1_000_000);
        }
        assertEquals(CircuitBreaker.State.OPEN, router.state(rule, v1));
        for (int i = 0; i < 10; i++) {
            assertEquals("v2", router.route(get("/shop")).orElseThrow().chosen().name());
        }
        clock.advanceSeconds(10);
        assertEquals(CircuitBreaker.State.HALF_OPEN, router.state(rule, v1));
        assertEquals("v1", router.route(get("/shop")).orElseThrow().chosen().name(), "the probe");
        assertEquals("v2", router.route(get("/shop")).orElseThrow().chosen().name(), "one probe at a time");
        router.completed(rule, v1, 200, 1_000_000);
        assertEquals(CircuitBreaker.State.CLOSED, router.state(rule, v1));
        assertEquals(3, stats.figures("shop", "v1").errors());
        assertEquals(4, stats.figures("shop", "v1").requests());
    }

    @Test
    void aPinnedRequestToAnOpenBreakerIsNotRoutable() {
        TrafficRule rule = canary(0, "x-version", null);
        Router router = router(rule, new Random(3));
        for (int i = 0; i < 3; i++) {
            router.completed(rule, rule.upstreams().get(1), 0, 1);
        }
        Decision d = router.route(request("h", "GET", "/shop", Map.of("x-version", "v2"))).orElseThrow();
        assertFalse(d.routable());
        assertEquals(1, stats.unavailableCount("shop"));
    }

    @Test
    void aChangedRuleAppliesToTheNextRequest() {
        AtomicReference<TrafficRules> rules = new AtomicReference<>(TrafficRules.NONE);
        Router router = new Router(rules::get, n -> 0, () -> 99, clock::nanoTime, stats);
        assertTrue(router.route(get("/shop")).isEmpty());
        rules.set(new TrafficRules(List.of(canary(0, null, null))));
        assertEquals("v1", router.route(get("/shop")).orElseThrow().chosen().name());
    }

    @Test
    void aProbeThatNeverReportedIsGivenUpAfterAnotherPeriod() {
        CircuitBreaker b = new CircuitBreaker(new BreakerSettings(1, Duration.ofSeconds(5)), clock::nanoTime);
        b.failure();
        assertFalse(b.tryAcquire());
        clock.advanceSeconds(5);
        assertTrue(b.tryAcquire());
        assertFalse(b.tryAcquire());
        clock.advanceSeconds(5);
        assertTrue(b.tryAcquire());
        b.failure();
        assertEquals(CircuitBreaker.State.OPEN, b.state());
    }
}
