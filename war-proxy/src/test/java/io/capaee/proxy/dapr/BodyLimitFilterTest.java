// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.dapr;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BodyLimitFilterTest {
    @Test
    void onlyTheFileApiStreamsPastTheBodyLimit() {
        assertTrue(BodyLimitFilter.filesApi("/v1.0-alpha1/files/local/a/b.bin"));
        assertTrue(BodyLimitFilter.filesApi("v1.0-alpha1/files/shared/x"));
        assertFalse(BodyLimitFilter.filesApi("/v1.0/state/statestore"));
        assertFalse(BodyLimitFilter.filesApi("/v1.0-alpha1/filesystem/x"));
        assertFalse(BodyLimitFilter.filesApi("/v1.0-alpha1/files/../lock/lockstore"), "no detour through '..' to another API");
        assertFalse(BodyLimitFilter.filesApi("/v1.0-alpha1/files/local/../../v1.0/state/s"));
    }
}
