// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.actors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ActorCallFilterTest {
    @Test
    void aMethodCallPathNamesTypeIdAndMethod() {
        assertArrayEquals(new String[] {"counter", "c-1", "add"}, ActorCallFilter.target("/v1.0/actors/counter/c-1/method/add"));
    }

    @Test
    void segmentsArePercentDecodedAsJaxRsDecodesPathParametersAndAPlusStaysAPlus() {
        assertArrayEquals(new String[] {"counter", "a b+c", "\u00e4dd"},
                ActorCallFilter.target("/v1.0/actors/counter/a%20b+c/method/%C3%A4dd"));
    }

    @Test
    void everyOtherShapeIsLeftToJaxRs() {
        assertNull(ActorCallFilter.target("/v1.0/actors"));
        assertNull(ActorCallFilter.target("/v1.0/actors/counter"));
        assertNull(ActorCallFilter.target("/v1.0/actors/counter/c-1/state/k"));
        assertNull(ActorCallFilter.target("/v1.0/actors/counter/c-1/method"));
        assertNull(ActorCallFilter.target("/v1.0/actors/counter/c-1/method/"));
        assertNull(ActorCallFilter.target("/v1.0/actors/counter/c-1/method/add/more"));
        assertNull(ActorCallFilter.target("/v1.0/actors/counter//method/add"));
        assertNull(ActorCallFilter.target("/v1.0/actors//c-1/method/add"));
        assertNull(ActorCallFilter.target("/v1.0/actors/counter/c-1/reminders/r"));
    }
}
