// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyNamespaceTest {
    @Test
    void aFunctionsKeysLiveUnderItsOwnPrefix() {
        KeyNamespace ns = KeyNamespace.function("hello");

        assertEquals("capa:fn:hello:capa:proxy:routes", ns.key("capa:proxy:routes"));
        assertEquals("capa:fn:hello:*", ns.pattern("*"));
    }

    @Test
    void listedKeysLoseThePrefixAndKeysOutsideAreDropped() {
        KeyNamespace ns = KeyNamespace.function("hello");

        assertEquals(List.of("a", "b:c"), ns.guestKeys(List.of("capa:fn:hello:a", "capa:proxy:routes", "capa:fn:hello2:x", "capa:fn:hello:b:c")));
    }

    @Test
    void onlyFunctionAndSharedPrefixesWithoutGlobCharactersAreNamespaces() {
        for (String bad : List.of("capa:proxy:", "capa:actors:", "capa:", "capa:fn::", "capa:fn:a*:", "capa:fn:a?:", "capa:fn:[a]:", "capa:fn:a:b:", "capa:fn:a")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KeyNamespace(bad), bad);
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertEquals("capa:guest:", KeyNamespace.shared().prefix());
    }

    @Test
    void aLoadedNameIsMadeKeySafe() {
        assertEquals("capa:fn:hello_v9:", KeyNamespace.forLoadedName("hello/v9").prefix());
        assertEquals("capa:fn:a__b_:", KeyNamespace.forLoadedName("a*?b]").prefix());
    }
}
