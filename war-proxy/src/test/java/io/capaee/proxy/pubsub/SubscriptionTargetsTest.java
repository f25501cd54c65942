// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.capaee.api.actors.InvalidTargetException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class SubscriptionTargetsTest {
    private static final String APP = "http://127.0.0.1:3000";
    private static final String LOCAL = "http://localhost:9080";

    @Test
    void pathsGoToTheAppAndUrlsAsTheyAre() {
        assertEquals(URI.create(APP + "/orders"), SubscriptionTargets.resolve("/orders", APP, LOCAL));
        assertEquals(URI.create(APP + "/orders"), SubscriptionTargets.resolve("orders", APP, LOCAL));
        assertEquals(URI.create("https://h/x"), SubscriptionTargets.resolve("https://h/x", null, LOCAL));
        assertNull(SubscriptionTargets.resolve("/orders", null, LOCAL));
    }

    @Test
    void functionsAndActorsGoToThisServer() {
        assertEquals(URI.create(LOCAL + "/wasm/functions/hello"), SubscriptionTargets.resolve("function:hello", null, LOCAL));
        assertEquals(URI.create(LOCAL + "/wasm/functions/hello/v2"), SubscriptionTargets.resolve("function:hello/v2", APP, LOCAL));
        assertEquals(URI.create(LOCAL + "/v1.0/actors/counter/a%20b/method/turn"),
                SubscriptionTargets.resolve("actor:counter/a b/turn", null, LOCAL));
    }

    @Test
    void malformedRoutesAreRefused() {
        assertThrows(InvalidTargetException.class, () -> SubscriptionTargets.resolve("function:../x", APP, LOCAL));
        assertThrows(InvalidTargetException.class, () -> SubscriptionTargets.resolve("function:", APP, LOCAL));
        assertThrows(InvalidTargetException.class, () -> SubscriptionTargets.resolve("function:hello/..", APP, LOCAL));
        assertThrows(InvalidTargetException.class, () -> SubscriptionTargets.resolve("actor:counter/1", APP, LOCAL));
        assertThrows(InvalidTargetException.class, () -> SubscriptionTargets.resolve("actor:counter//turn", APP, LOCAL));
        assertThrows(InvalidTargetException.class, () -> SubscriptionTargets.resolve("function:hello/.", APP, LOCAL));
    }

    @Test
    void outputBindingsAreForInputBindingsOnly() {
        InvalidTargetException e = assertThrows(InvalidTargetException.class, () -> SubscriptionTargets.resolve("binding:out", APP, LOCAL));
        assertEquals("target", e.part());
    }
}
