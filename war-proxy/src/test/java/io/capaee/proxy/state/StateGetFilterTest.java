// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StateGetFilterTest {
    @Test
    void aGetPathNamesStoreAndKey() {
        assertArrayEquals(new String[] {"statestore", "k-1"}, StateGetFilter.target("/v1.0/state/statestore/k-1"));
    }

    @Test
    void aKeyMaySpanSegmentsAndIsPercentDecodedAsJaxRsDecodesPathParameters() {
        assertArrayEquals(new String[] {"statestore", "orders/a b+c"}, StateGetFilter.target("/v1.0/state/statestore/orders/a%20b+c"));
        assertArrayEquals(new String[] {"statestore", "a/b"}, StateGetFilter.target("/v1.0/state/statestore/a%2Fb"));
    }

    @Test
    void everyOtherShapeIsLeftToJaxRs() {
        assertNull(StateGetFilter.target("/v1.0/state"));
        assertNull(StateGetFilter.target("/v1.0/state/"));
        assertNull(StateGetFilter.target("/v1.0/state/statestore"));
        assertNull(StateGetFilter.target("/v1.0/state/statestore/"));
        assertNull(StateGetFilter.target("/v1.0/state//k"));
        assertNull(StateGetFilter.target("/v1.0/state/statestore/a//b"));
        assertNull(StateGetFilter.target("/v1.0/state/statestore/a/"));
        assertNull(StateGetFilter.target("/v1.0/state/statestore/bulk"));
        assertNull(StateGetFilter.target("/v1.0/state/statestore/transaction"));
        assertNull(StateGetFilter.target("/v1.0-alpha1/state/statestore/query"));
        assertNull(StateGetFilter.target("/v1.0/state/statestore/%FF"), "JAX-RS refuses a key that is not UTF-8");
    }
}
