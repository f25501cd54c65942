// SPDX-License-Identifier: Apache-2.0
package io.capaee.registry.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.security.AdminPolicy;
import io.capaee.api.security.AdminPolicy.Decision;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Conditional GET, the replace flag, and the admin decisions the registry's filter applies. */
class RegistryRulesTest {
    static final String ETAG = "\"abc\"";

    static Function<String, String> headers(Map<String, String> values) {
        return name -> values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }

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
    void withATokenConfiguredWritesNeedItFromAnywhere() {
        AdminPolicy policy = new AdminPolicy(Optional.of("s3cret"));
        assertEquals(Decision.MISSING_TOKEN, policy.check("127.0.0.1", headers(Map.of())));
        assertEquals(401, Decision.MISSING_TOKEN.status());
        assertEquals(Decision.FORBIDDEN, policy.check("10.1.2.3", headers(Map.of("X-Capa-Admin-Token", "wrong"))));
        assertEquals(Decision.ALLOWED, policy.check("10.1.2.3", headers(Map.of("Authorization", "Bearer s3cret"))));
        assertEquals(Decision.ALLOWED, policy.check("10.1.2.3", headers(Map.of("CAPSULE_REGISTRY_ADMIN_TOKEN", "s3cret"))));
    }

    @Test
    void withoutATokenOnlyLoopbackMayWrite() {
        AdminPolicy policy = new AdminPolicy(Optional.of(""));
        assertEquals(Decision.ALLOWED, policy.check("127.0.0.1", headers(Map.of())));
        assertEquals(Decision.ALLOWED, policy.check("0:0:0:0:0:0:0:1", headers(Map.of())));
        assertEquals(Decision.FORBIDDEN, policy.check("192.168.1.7", headers(Map.of("X-Capa-Admin-Token", "anything"))));
    }

    @Test
    void theFilterSpeaksAsTheRegistry() {
        assertEquals("registry", new RegistryAdminFilter().component());
    }
}
