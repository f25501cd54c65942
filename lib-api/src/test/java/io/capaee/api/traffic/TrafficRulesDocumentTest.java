// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrafficRulesDocumentTest {
    static final String YAML = """
            rules:
              - name: shop
                match: {host: shop.example, path: /shop, methods: [GET, post], headers: {x-tenant: a}}
                upstreams:
                  - {name: v1, url: "http://127.0.0.1:8081", weight: 95}
                  - {name: v2, url: "http://127.0.0.1:8082", weight: 5}
                pin-header: x-version
                strip-prefix: true
                mirror: {url: "http://127.0.0.1:8083", percent: 10}
                timeout: 2s
                retries: 1
                breaker: {failures: 4, open-for: PT20S}
              - name: orders
                match: {host: orders}
                upstreams: [{url: "http://127.0.0.1:9000"}]
            """;

    @Test
    void everyFieldIsReadFromYaml() {
        TrafficRules rules = TrafficRulesDocument.parse(YAML);
        TrafficRule shop = rules.rules().get(0);
        assertEquals("shop.example", shop.match().host());
        assertEquals("/shop", shop.match().pathPrefix());
        assertEquals(Set.of("GET", "POST"), shop.match().methods());
        assertEquals(Map.of("x-tenant", "a"), shop.match().headers());
        assertEquals(95, shop.upstream("v1").orElseThrow().weight());
        assertEquals("x-version", shop.pinHeader());
        assertTrue(shop.stripPrefix());
        assertEquals(10.0, shop.mirror().percent());
        assertEquals(Duration.ofSeconds(2), shop.timeout());
        assertEquals(1, shop.retries());
        assertEquals(new BreakerSettings(4, Duration.ofSeconds(20)), shop.breaker());
        TrafficRule orders = rules.rules().get(1);
        assertEquals(100, orders.upstreams().get(0).weight(), "a lone upstream takes everything");
        assertEquals(BreakerSettings.DEFAULT, orders.breaker());
    }

    @Test
    void theJsonFormReadsBackToTheSameRules() {
        TrafficRules rules = TrafficRulesDocument.parse(YAML);
        String json = TrafficRulesDocument.write(rules);
        assertEquals(rules, TrafficRulesDocument.parse(json));
        assertEquals(json, TrafficRulesDocument.write(TrafficRulesDocument.parse(json)));
    }

    @Test
    void emptyDocumentsHoldNoRules() {
        assertTrue(TrafficRulesDocument.parse(null).isEmpty());
        assertTrue(TrafficRulesDocument.parse("{}").isEmpty());
        assertTrue(TrafficRulesDocument.parse("{\"rules\":[]}").isEmpty());
    }

    @Test
    void mistakesNameTheRuleAndTheField() {
        assertMessage("rules:\n  - name: a\n    upstreams: [{url: 'http://h:1'}]\n    retries: x\n", "rule a.retries must be a whole number");
        assertMessage("rules:\n  - name: a\n    upstreams: [{url: 'http://h:1'}]\n    timeout: soon\n", "rule a.timeout");
        assertMessage("rules:\n  - name: a\n    upstreams: []\n", "rule a.upstreams must be a non-empty list");
        assertMessage("rules:\n  - name: a\n    upstreams: [{url: 'http://h:1'}]\n    wieght: 3\n", "unknown field 'wieght'");
        assertMessage("rules:\n  - name: a\n    match: {prefix: /x}\n    upstreams: [{url: 'http://h:1'}]\n", "unknown field 'prefix'");
        assertMessage("rules:\n  - name: a\n    upstreams: [{url: 'http://h:1'}]\n  - name: a\n    upstreams: [{url: 'http://h:1'}]\n",
                "declared twice");
        assertMessage("routes: []", "no 'rules' key");
        assertMessage("rules: [", "not valid YAML");
    }

    @Test
    void aSingleRuleTakesItsNameFromThePath() {
        TrafficRule r = TrafficRulesDocument.parseRule("{\"upstreams\":[{\"url\":\"http://h:1\"}]}", "orders");
        assertEquals("orders", r.name());
        assertMessage(() -> TrafficRulesDocument.parseRule("{\"name\":\"x\",\"upstreams\":[{\"url\":\"http://h:1\"}]}", "orders"),
                "not orders as its path says");
    }

    static void assertMessage(String doc, String part) {
        assertMessage(() -> TrafficRulesDocument.parse(doc), part);
    }

    static void assertMessage(org.junit.jupiter.api.function.Executable call, String part) {
        TrafficException e = assertThrows(TrafficException.class, call);
        assertEquals(TrafficException.Reason.INVALID, e.reason());
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
