// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.security.Access;
import io.capaee.api.security.AccessFilter;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** Conditional GET, the replace flag, and the access levels of the registry's operations. */
class RegistryRulesTest {
    static final String ETAG = "\"abc\"";

    @Test
    void ifNoneMatchAcceptsListsWeakTagsAndStar() {
        assertTrue(RegistryResource.matches("\"abc\"", ETAG));
        assertTrue(RegistryResource.matches("\"x\", W/\"abc\"", ETAG));
        assertTrue(RegistryResource.matches("*", ETAG));
        assertFalse(RegistryResource.matches(null, ETAG));
        assertFalse(RegistryResource.matches("abc", ETAG));
        assertFalse(RegistryResource.matches("\"abcd\"", ETAG));
    }

    @Test
    void replaceIsAnExplicitBoolean() {
        assertFalse(RegistryResource.flag("replace", null));
        assertFalse(RegistryResource.flag("replace", "false"));
        assertTrue(RegistryResource.flag("replace", "true"));
        assertTrue(RegistryResource.flag("replace", ""));
        assertThrows(io.capaee.api.registry.RegistryException.class, () -> RegistryResource.flag("replace", "yes please"));
    }

    @Test
    void downloadsArePublicTheListingNeedsAViewerAndWritesAnAdmin() throws Exception {
        assertEquals(Access.PUBLIC, level("download", String.class, String.class, String.class, String.class, String.class));
        assertEquals(Access.PUBLIC, level("info", String.class, String.class, String.class, String.class));
        assertEquals(Access.VIEWER, level("modules", String.class, String.class));
        assertEquals(Access.ADMIN, level("delete", String.class, String.class, String.class));
        for (Method m : RegistryResource.class.getDeclaredMethods()) {
            if (m.getName().equals("upload")) {
                assertEquals(Access.ADMIN, AccessFilter.declared(m, RegistryResource.class));
            }
        }
    }

    @Test
    void theFilterSpeaksAsTheRegistry() {
        assertEquals("registry", new RegistryAccessFilter().component(RegistryResource.class));
    }

    private static Access level(String method, Class<?>... parameters) throws NoSuchMethodException {
        return AccessFilter.declared(RegistryResource.class.getMethod(method, parameters), RegistryResource.class);
    }
}
