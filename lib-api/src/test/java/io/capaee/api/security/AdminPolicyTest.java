// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.security.AdminPolicy.Decision;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class AdminPolicyTest {
    private static Function<String, String> headers(Map<String, String> values) {
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(values);
        return caseInsensitive::get;
    }

    @Test
    void withoutATokenOnlyLoopbackClientsAreAdmitted() {
        AdminPolicy policy = new AdminPolicy(Optional.of("  "));
        assertFalse(policy.tokenConfigured());
        assertEquals(Decision.ALLOWED, policy.check("127.0.0.1", headers(Map.of())));
        assertEquals(Decision.ALLOWED, policy.check("0:0:0:0:0:0:0:1", headers(Map.of())));
        assertEquals(Decision.ALLOWED, policy.check("[::1]", headers(Map.of())));
        assertEquals(Decision.FORBIDDEN, policy.check("192.0.2.7", headers(Map.of())));
        assertEquals(Decision.FORBIDDEN, policy.check("localhost", headers(Map.of())), "names are never resolved");
        assertEquals(Decision.FORBIDDEN, policy.check(null, headers(Map.of())));
        assertEquals(Decision.FORBIDDEN, policy.check("127.0.0.1", headers(Map.of("X-Forwarded-For", "192.0.2.7"))),
                "relayed from elsewhere, e.g. by service invocation to this server's own app id");
        assertEquals(Decision.FORBIDDEN, policy.check("127.0.0.1", headers(Map.of("Forwarded", "for=192.0.2.7"))));
    }

    @Test
    void withATokenEveryClientMustPresentIt() {
        AdminPolicy policy = new AdminPolicy(Optional.of("s3cret"));
        assertEquals(Decision.MISSING_TOKEN, policy.check("127.0.0.1", headers(Map.of())));
        assertEquals(Decision.ALLOWED, policy.check("192.0.2.7", headers(Map.of("Authorization", "Bearer s3cret"))));
        assertEquals(Decision.ALLOWED, policy.check("192.0.2.7", headers(Map.of("x-capa-admin-token", "s3cret"))));
        assertEquals(Decision.ALLOWED, policy.check("192.0.2.7", headers(Map.of("CAPSULE_REVERSE_PROXY_ADMIN_TOKEN", "s3cret"))));
        assertEquals(Decision.FORBIDDEN, policy.check("127.0.0.1", headers(Map.of("Authorization", "Bearer s3cre"))));
        assertEquals(Decision.FORBIDDEN, policy.check("127.0.0.1", headers(Map.of(AdminPolicy.TOKEN_HEADER, "s3cret!"))));
    }

    @Test
    void decisionsCarryTheirHttpStatus() {
        assertEquals(401, Decision.MISSING_TOKEN.status());
        assertEquals(403, Decision.FORBIDDEN.status());
        assertTrue(AdminPolicy.isLoopback("127.8.9.10"));
    }
}
