// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static io.capaee.actors.runtime.RuntimeFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole runtime, as the server and Dapr's API use it: calls, state and errors across its parts. */
class ActorRuntimeCoreTest {
    @RegisterExtension
    final RuntimeFixture fx = new RuntimeFixture();
    private final ActorId a = new ActorId("counter", "a");

    @Test
    void stateIsSavedAtTheEndOfATurnAndReadAfterARestart() {
        ActorRuntimeCore first = fx.runtime();
        assertEquals("5", call(first, a, "add", "5"));
        assertEquals("7", call(first, a, "add", "2"));
        first.stop();
        ActorRuntimeCore second = fx.runtime();
        assertEquals("7", call(second, a, "get", null));
        assertEquals(Optional.of("7"), second.getState(a, "count"));
    }

    @Test
    void aTurnThatThrowsLeavesNoChange() {
        ActorRuntimeCore core = fx.runtime();
        call(core, a, "add", "3");
        ActorException e = assertThrows(ActorException.class, () -> call(core, a, "fail", "\"boom\""));
        assertEquals(Reason.METHOD_FAILED, e.reason());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
        assertEquals("3", call(core, a, "get", null));
    }

    @Test
    void errorsNameWhatWasWrong() {
        ActorRuntimeCore core = fx.runtime();
        assertEquals(Reason.UNKNOWN_TYPE, assertThrows(ActorException.class, () -> call(core, new ActorId("nope", "1"), "x", null)).reason());
        assertEquals(Reason.METHOD_NOT_FOUND, assertThrows(ActorException.class, () -> call(core, a, "nope", null)).reason());
        ActorException bad = assertThrows(ActorException.class, () -> call(core, a, "add", "{not json"));
        assertEquals(Reason.BAD_REQUEST, bad.reason());
        assertTrue(bad.getMessage().contains("add"), bad.getMessage());
        TypeStats stats = core.stats().get("counter");
        assertEquals(2, stats.getCalls(), "calls to a known type are counted, failed ones too");
        assertEquals(2, stats.getErrors());
        assertEquals(1, stats.getActivations());
        assertEquals(1, stats.getActive());
        assertEquals(Reason.BAD_REQUEST, assertThrows(ActorException.class, () -> new ActorId("counter", "a/b")).reason());
        assertEquals(Reason.BAD_REQUEST, assertThrows(ActorException.class, () -> new ActorId("counter", "..")).reason());
    }
}
