// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static io.capaee.actors.runtime.RuntimeFixture.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.actors.store.ActorStore;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.StateOperation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link StateApi}: actor state as Dapr's API reads it and writes it in transactions. */
class StateApiTest {
    @RegisterExtension
    final RuntimeFixture fx = new RuntimeFixture();
    private final ActorId a = new ActorId("counter", "a");

    @Test
    void stateTransactionsAreAtomic() {
        ActorRuntimeCore core = fx.runtime();
        core.transaction(a, List.of(StateOperation.upsert("count", "10"), StateOperation.upsert("name", "\"x\"")));
        assertEquals("10", call(core, a, "get", null));
        assertThrows(ActorException.class, () -> core.transaction(a, List.of(StateOperation.delete("name"), StateOperation.upsert("count", "{bad"))));
        assertEquals(Optional.of("\"x\""), core.getState(a, "name"), "a transaction with a bad operation changes nothing");
        core.transaction(a, List.of(StateOperation.delete("name")));
        assertEquals(Optional.empty(), core.getState(a, "name"));
    }

    @Test
    void stateKeysThatTheHttpApiCouldNotNameAreRefusedOnWriteButMayBeDeleted() {
        ActorRuntimeCore core = fx.runtime();
        for (String bad : List.of("a/b", "a\\b", ".", "..", "a\u0000b")) {
            ActorException e = assertThrows(ActorException.class,
                    () -> core.transaction(a, List.of(StateOperation.upsert("fine", "1"), StateOperation.upsert(bad, "2"))), bad);
            assertEquals(ActorException.Reason.BAD_REQUEST, e.reason(), bad);
            assertThrows(IllegalArgumentException.class, () -> new io.capaee.actors.store.TurnState(a, new ActorStore(fx.kv, "t:"), fx.jsonb).set(bad, 1), bad);
        }
        assertEquals(Optional.empty(), core.getState(a, "fine"), "nothing of a refused transaction is written");
        core.transaction(a, List.of(StateOperation.delete("a/b"), StateOperation.upsert("a.b c;d%e", "3")));
        assertEquals(Optional.of("3"), core.getState(a, "a.b c;d%e"));
    }
}
