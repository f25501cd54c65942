// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ActorTargetTest {
    @Test
    void parsesTypeIdAndMethod() {
        ActorTarget target = ActorTarget.parse(" actor:counter/a b/turn ");
        assertEquals(new ActorId("counter", "a b"), target.actor());
        assertEquals("turn", target.method());
        assertEquals("actor:counter/a b/turn", target.toString());
        assertTrue(ActorTarget.isActor("actor:x"));
        assertFalse(ActorTarget.isActor("http://h/actor:x"));
    }

    @Test
    void refusesWhatIsNotThreeValidNamesNamingTheTarget() {
        for (String bad : new String[] {"actor:counter/1", "actor:counter//turn", "actor:/1/turn", "actor:c/1/",
            "actor:c/1/turn/more", "actor:c/../turn", "actor:c/a||b/turn", "actor:c/1/t?x", "function:x", null}) {
            ActorException e = assertThrows(ActorException.class, () -> ActorTarget.parse(bad), String.valueOf(bad));
            assertEquals(ActorException.Reason.BAD_REQUEST, e.reason());
            assertTrue(e.getMessage().startsWith("'" + bad + "' is not actor:TYPE/ID/METHOD"), e.getMessage());
        }
    }
}
