// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventTargetTest {
    @Test
    void aUrlIsAnAppTargetAsItIs() {
        EventTarget target = EventTarget.parse(" https://app.example:8443/orders ");
        assertEquals(EventTarget.Kind.APP, target.kind());
        assertEquals("https://app.example:8443/orders", target.app());
        assertTrue(target.isUrl());
        assertFalse(target.isThisServer());
    }

    @Test
    void aGrpcUrlIsAnAppServingAppCallbackNotAnHttpUrl() {
        EventTarget target = EventTarget.parse("grpc://127.0.0.1:50051/orders");
        assertEquals(EventTarget.Kind.APP, target.kind());
        assertTrue(target.isGrpc());
        assertFalse(target.isUrl());
        assertTrue(EventTarget.parse("grpcs://app.example:443/orders").isGrpc());
        assertFalse(EventTarget.parse("https://app.example/orders").isGrpc());
        assertFalse(EventTarget.parse("/grpc://x").isGrpc());
    }

    @Test
    void aGrpcUrlWithoutAHostOrAPortIsRefusedNamingTheUrl() {
        for (String bad : new String[] {"grpc:///orders", "grpc://app.example/orders", "grpcs://h/a b"}) {
            assertEquals("url", assertThrows(InvalidTargetException.class, () -> EventTarget.parse(bad), bad).part(), bad);
        }
    }

    @Test
    void aPathIsAnAppTargetOnTheApplication() {
        EventTarget target = EventTarget.parse("/orders");
        assertEquals(EventTarget.Kind.APP, target.kind());
        assertFalse(target.isUrl());
        assertEquals("/orders", target.toString());
    }

    @Test
    void aFunctionHasANameAndAnOptionalRevision() {
        EventTarget latest = EventTarget.parse("function:hello");
        assertEquals(EventTarget.Kind.FUNCTION, latest.kind());
        assertEquals("hello", latest.name());
        assertNull(latest.revision());
        assertEquals("hello", latest.functionPath());
        EventTarget pinned = EventTarget.parse("function:hello/v1.2");
        assertEquals("v1.2", pinned.revision());
        assertEquals("hello/v1.2", pinned.functionPath());
        assertEquals("function:hello/v1.2", pinned.toString());
        assertTrue(pinned.isThisServer());
        assertEquals(pinned, EventTarget.function("hello", "v1.2"));
        assertEquals(latest, EventTarget.function("hello", ""));
    }

    @Test
    void anActorMethodIsParsedAsActorTargetParsesIt() {
        EventTarget target = EventTarget.parse("actor:counter/a b/turn");
        assertEquals(EventTarget.Kind.ACTOR, target.kind());
        assertEquals(ActorTarget.parse("actor:counter/a b/turn"), target.actor());
        assertTrue(target.isThisServer());
        assertEquals("actor:counter/a b/turn", target.toString());
    }

    @Test
    void aBindingHasAName() {
        EventTarget target = EventTarget.parse("binding:orders-out");
        assertEquals(EventTarget.Kind.BINDING, target.kind());
        assertEquals("orders-out", target.name());
        assertFalse(target.isThisServer());
        assertEquals("binding:orders-out", target.toString());
    }

    @Test
    void dotSegmentsAreRefusedAsRevisionsNamingTheRevision() {
        for (String bad : new String[] {"function:f/..", "function:f/."}) {
            InvalidTargetException e = assertThrows(InvalidTargetException.class, () -> EventTarget.parse(bad), bad);
            assertEquals("revision", e.part());
            assertTrue(e.getMessage().startsWith("'" + bad + "' is not a target: revision"), e.getMessage());
            assertTrue(e.getMessage().contains("dot segment"), e.getMessage());
        }
        assertThrows(InvalidTargetException.class, () -> EventTarget.function("f", ".."));
    }

    @Test
    void aBadNameIsRefusedNamingTheName() {
        for (String bad : new String[] {"function:", "function:../x", "function:.hidden", "function:a b", "function:f/", "binding:",
            "binding:a/b", "binding:-x", "function:" + "x".repeat(101)}) {
            InvalidTargetException e = assertThrows(InvalidTargetException.class, () -> EventTarget.parse(bad), bad);
            assertEquals(bad.endsWith("/") ? "revision" : "name", e.part(), bad);
            assertTrue(e.getMessage().startsWith("'" + bad + "' is not a target: "), e.getMessage());
        }
    }

    @Test
    void aBadRevisionIsRefusedNamingTheRevision() {
        for (String bad : new String[] {"function:f/a/b", "function:f/a b", "function:f/" + "r".repeat(101)}) {
            assertEquals("revision", assertThrows(InvalidTargetException.class, () -> EventTarget.parse(bad), bad).part(), bad);
        }
    }

    @Test
    void aBadActorMethodIsRefusedNamingTheActor() {
        for (String bad : new String[] {"actor:counter/1", "actor:c/../turn", "actor:c//turn"}) {
            InvalidTargetException e = assertThrows(InvalidTargetException.class, () -> EventTarget.parse(bad), bad);
            assertEquals("actor", e.part());
            assertTrue(e.getMessage().contains("TYPE/ID/METHOD"), e.getMessage());
        }
    }

    @Test
    void aUrlWithoutAHostOrThatDoesNotParseIsRefusedNamingTheUrl() {
        for (String bad : new String[] {"http:///orders", "http://h/a b"}) {
            assertEquals("url", assertThrows(InvalidTargetException.class, () -> EventTarget.parse(bad), bad).part(), bad);
        }
    }

    @Test
    void anEmptyTargetIsRefused() {
        for (String bad : new String[] {null, "", "  "}) {
            assertEquals("target", assertThrows(InvalidTargetException.class, () -> EventTarget.parse(bad)).part());
        }
    }

    @Test
    void namesFollowOneRule() {
        assertTrue(EventTarget.isName("a"));
        assertTrue(EventTarget.isName("orders.v2_x-y"));
        assertFalse(EventTarget.isName(null));
        assertFalse(EventTarget.isName(".."));
        assertFalse(EventTarget.isName("_x"));
        assertFalse(EventTarget.isName("x".repeat(101)));
        assertTrue(EventTarget.isName("x".repeat(100)));
    }
}
