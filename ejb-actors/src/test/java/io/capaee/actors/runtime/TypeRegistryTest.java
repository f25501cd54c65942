// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorTypeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link TypeRegistry}: the hosted types, registered or found by discovery, each with its statistics. */
class TypeRegistryTest {
    private final AtomicInteger asked = new AtomicInteger();
    private final TypeRegistry types = new TypeRegistry(name -> {
        asked.incrementAndGet();
        return name.equals("remote") ? Optional.of(new RecordingKind("remote", Optional.empty())) : Optional.empty();
    }, name -> name.length());

    @Test
    void aReservedNameOrASecondTypeOfTheSameNameIsRefusedNamingWhatIsHostedAlready() {
        ActorException reserved = assertThrows(ActorException.class, () -> types.register(new RecordingKind("dapr.internal.x", Optional.empty())));
        assertEquals(Reason.BAD_REQUEST, reserved.reason());
        assertTrue(reserved.getMessage().contains("reserved"), reserved.getMessage());
        types.register(new RecordingKind("k", Optional.empty()));
        ActorException twice = assertThrows(ActorException.class, () -> types.register(new RecordingKind("k", Optional.empty())));
        assertTrue(twice.getMessage().contains("'k' is already hosted (recording)"), twice.getMessage());
    }

    @Test
    void anUnknownTypeIsAskedOfDiscoveryOnceFoundAndListenersHearOfIt() {
        List<String> heard = new ArrayList<>();
        types.onAdded(s -> heard.add(s.getType()));
        types.register(new RecordingKind("local", Optional.empty()));
        assertEquals(Optional.empty(), types.hosted("remote"), "hosted() does not ask discovery");
        assertEquals("remote", types.type("remote").name());
        assertEquals("remote", types.type("remote").name());
        assertEquals(1, asked.get());
        assertEquals(List.of("local", "remote"), heard);
        assertEquals(6, types.stats("remote").getActive());
    }

    @Test
    void aTypeThatNobodyHostsIsRefusedAsUnknown() {
        ActorException e = assertThrows(ActorException.class, () -> types.type("nobody"));
        assertEquals(Reason.UNKNOWN_TYPE, e.reason());
        assertTrue(e.getMessage().contains("no actor type 'nobody'"), e.getMessage());
        assertEquals(Optional.empty(), types.hosted("nobody"));
    }

    @Test
    void theStatusHasOneLinePerTypeByNameWithItsActiveActors() {
        types.register(new RecordingKind("bb", Optional.empty()));
        types.register(new RecordingKind("a", Optional.empty()));
        List<ActorTypeStatus> status = types.status();
        assertEquals(List.of("a", "bb"), status.stream().map(ActorTypeStatus::type).toList());
        assertEquals(List.of(1, 2), status.stream().map(ActorTypeStatus::active).toList());
        assertEquals("recording", status.get(0).kind());
    }
}
