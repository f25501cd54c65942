// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import static io.capaee.api.traffic.RulesFixture.get;
import static io.capaee.api.traffic.RulesFixture.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatchTest {
    @Test
    void aPathPrefixMatchesWholeSegmentsOnly() {
        Match m = new Match(null, "/shop/", null, null);
        assertTrue(m.matches(get("/shop")));
        assertTrue(m.matches(get("/shop/cart?x")));
        assertTrue(m.matches(get("/shop/a/b")));
        assertFalse(m.matches(get("/shopping")));
        assertFalse(m.matches(get("/")));
    }

    @Test
    void hostsMatchExactlyOrBySuffixIgnoringCaseAndPort() {
        Match exact = new Match("Shop.Example", null, null, null);
        assertTrue(exact.matches(request(RequestView.hostOf("shop.example:8080"), "GET", "/", Map.of())));
        assertFalse(exact.matches(request("www.shop.example", "GET", "/", Map.of())));
        Match wildcard = new Match("*.example", null, null, null);
        assertTrue(wildcard.matches(request("a.example", "GET", "/", Map.of())));
        assertFalse(wildcard.matches(request("example", "GET", "/", Map.of())));
        assertFalse(wildcard.matches(request("aexample", "GET", "/", Map.of())));
    }

    @Test
    void methodsAndHeadersMustAllHold() {
        Match m = new Match(null, "/", Set.of("get", "HEAD"), Map.of("x-tenant", "a"));
        assertTrue(m.matches(request("h", "GET", "/", Map.of("X-Tenant", "a"))));
        assertFalse(m.matches(request("h", "POST", "/", Map.of("X-Tenant", "a"))));
        assertFalse(m.matches(request("h", "GET", "/", Map.of("X-Tenant", "b"))));
        assertFalse(m.matches(request("h", "GET", "/", Map.of())));
    }

    @Test
    void theFirstMatchingRuleWins() {
        TrafficRule api = rule("api", "/api", "http://127.0.0.1:1");
        TrafficRule all = rule("all", "/", "http://127.0.0.1:2");
        TrafficRules rules = new TrafficRules(List.of(api, all));
        assertEquals("api", rules.find(get("/api/x")).orElseThrow().name());
        assertEquals("all", rules.find(get("/other")).orElseThrow().name());
        assertTrue(new TrafficRules(List.of(api)).find(get("/other")).isEmpty());
    }

    @Test
    void withReplacesInPlaceAndWithoutRemoves() {
        TrafficRules rules = new TrafficRules(List.of(rule("a", "/a", "http://h:1"), rule("b", "/b", "http://h:2")));
        TrafficRules changed = rules.with(rule("a", "/z", "http://h:3"));
        assertEquals(List.of("a", "b"), changed.rules().stream().map(TrafficRule::name).toList());
        assertEquals("/z", changed.rules().get(0).match().pathPrefix());
        assertEquals(List.of("b"), changed.without("a").rules().stream().map(TrafficRule::name).toList());
        TrafficException e = assertThrows(TrafficException.class, () -> rules.without("c"));
        assertEquals(TrafficException.Reason.NOT_FOUND, e.reason());
    }

    @Test
    void stripPrefixKeepsTheRestOfThePath() {
        TrafficRule r = new TrafficRule("r", new Match(null, "/shop", null, null), List.of(new Upstream("v1", "http://h:1", 1)),
                null, true, null, null, 0, null);
        assertEquals("/cart", r.restOf("/shop/cart"));
        assertEquals("", r.restOf("/shop"));
    }

    @Test
    void badRulesAreRefusedNamingWhatIsWrong() {
        assertTrue(assertThrows(TrafficException.class, () -> new TrafficRule("r", null, List.of(), null, false, null, null, 0, null))
                .getMessage().contains("no upstream"));
        assertTrue(assertThrows(TrafficException.class, () -> new TrafficRule("r", null,
                List.of(new Upstream("a", "http://h:1", 0)), null, false, null, null, 0, null)).getMessage().contains("weight above 0"));
        assertTrue(assertThrows(TrafficException.class, () -> new Upstream("a", "ftp://h", 1)).getMessage().contains("not an http"));
        assertTrue(assertThrows(TrafficException.class, () -> new TrafficRule("bad name", null,
                List.of(new Upstream("a", "http://h:1", 1)), null, false, null, null, 0, null)).getMessage().contains("rule name"));
        assertTrue(assertThrows(TrafficException.class, () -> new TrafficRule("r", null,
                List.of(new Upstream("a", "http://h:1", 1)), null, false, null, null, 9, null)).getMessage().contains("retries"));
    }

    static TrafficRule rule(String name, String prefix, String url) {
        return new TrafficRule(name, new Match(null, prefix, null, null), List.of(new Upstream("v1", url, 1)), null, false, null, null, 0, null);
    }
}
