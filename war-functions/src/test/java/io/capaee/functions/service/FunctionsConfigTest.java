// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FunctionsConfigTest {
    @Test
    void eachFunctionHasItsOwnKeyNamespaceByDefaultOrTheSharedOne() {
        assertEquals("capa:fn:hello:", FunctionsConfig.keyNamespace("function", "hello").prefix());
        assertEquals("capa:guest:", FunctionsConfig.keyNamespace("shared", "hello").prefix());
    }

    @Test
    void anUnknownNamespaceModeIsRefusedNamingTheKey() {
        FunctionsException e = assertThrows(FunctionsException.class, () -> FunctionsConfig.keyNamespace("none", "hello"));

        assertTrue(e.getMessage().startsWith("capa.functions.kv-namespace = 'none'"), e.getMessage());
    }
}
