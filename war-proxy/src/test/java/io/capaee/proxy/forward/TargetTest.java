// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetTest {
    private final Map<String, Map<String, List<String>>> routes = Map.of(
            "hello", Map.of("default", List.of("http://d"), "v2", List.of("http://v2")),
            "nodefault", Map.of("blue", List.of("http://b")));

    @Test
    void theFunctionAloneIsTheDefaultRevisionAtItsRoot() {
        Target t = Target.resolve(routes, "/hello").orElseThrow();
        assertEquals("default", t.revision());
        assertEquals("", t.rest());
        assertEquals("http://d/?a=1", t.upstreamUrl("http://d", "a=1"));
        assertEquals("http://h/wasm/functions/hello", t.upstreamUrl("http://h/wasm/functions/hello", null));
    }

    @Test
    void aSecondSegmentNamingARevisionSelectsIt() {
        Target t = Target.resolve(routes, "/hello/v2/a/b%20c").orElseThrow();
        assertEquals("v2", t.revision());
        assertEquals("/a/b%20c", t.rest());
        assertEquals("/functions/hello/v2", t.prefix());
        assertEquals("http://v2/base/a/b%20c?q", t.upstreamUrl("http://v2/base/", "q"));
    }

    @Test
    void otherwiseItIsPartOfTheDefaultRevisionsPath() {
        Target t = Target.resolve(routes, "/hello/items/7").orElseThrow();
        assertEquals("default", t.revision());
        assertEquals("/items/7", t.rest());
        assertEquals("/functions/hello", t.prefix());
    }

    @Test
    void unknownFunctionsOrMissingDefaultsResolveToNothing() {
        assertTrue(Target.resolve(routes, "/nope").isEmpty());
        assertTrue(Target.resolve(routes, "/nodefault").isEmpty());
        assertTrue(Target.resolve(routes, "/nodefault/green").isEmpty());
        assertEquals("blue", Target.resolve(routes, "/nodefault/blue/").orElseThrow().revision());
    }
}
