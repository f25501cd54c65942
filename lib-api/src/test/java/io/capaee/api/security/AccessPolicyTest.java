// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.security.AccessPolicy.Verdict;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
    private static final String REMOTE = "10.213.0.2";

    private static Caller caller(String address, Map<String, String> headers) {
        Map<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.putAll(headers);
        return new Caller(address, caseInsensitive::get, Caller.Login.NONE, Set.of());
    }

    private static Caller user(String address, Access... levels) {
        return new Caller(address, name -> null, Caller.Login.LOGGED_IN, Set.of(levels));
    }

    private static AccessPolicy policy(String adminToken, String appToken, boolean trustLoopback) {
        return new AccessPolicy(new SecuritySettings(SecuritySettings.tokens(Optional.ofNullable(adminToken)),
                SecuritySettings.tokens(Optional.ofNullable(appToken)), trustLoopback, Access.PUBLIC));
    }

    @Test
    void aStrangerWithoutCredentialsReachesOnlyPublicApis() {
        AccessPolicy open = policy(null, null, true);
        assertEquals(Verdict.ALLOWED, open.check(caller(REMOTE, Map.of()), Access.PUBLIC));
        for (Access level : new Access[] {Access.VIEWER, Access.APP, Access.ADMIN}) {
            assertEquals(Verdict.NO_CREDENTIALS, open.check(caller(REMOTE, Map.of()), level), level.name());
        }
    }

    @Test
    void withNoTokenConfiguredALoopbackClientHoldsEveryLevel() {
        AccessPolicy open = policy(null, null, true);
        for (String loopback : new String[] {"127.0.0.1", "127.8.9.10", "0:0:0:0:0:0:0:1", "[::1]"}) {
            assertEquals(Verdict.ALLOWED, open.check(caller(loopback, Map.of()), Access.ADMIN), loopback);
            assertEquals(Verdict.ALLOWED, open.check(caller(loopback, Map.of()), Access.APP), loopback);
        }
        assertEquals(Verdict.ALLOWED, open.check(caller("127.0.0.1", Map.of(AccessPolicy.ADMIN_TOKEN_HEADER, "guess")), Access.ADMIN),
                "a stray token changes nothing when none is configured");
    }

    @Test
    void loopbackTrustIsNeverGivenToARelayedOrServerSentRequestNorToANameNorWhenSwitchedOff() {
        AccessPolicy open = policy(null, null, true);
        assertEquals(Verdict.NO_CREDENTIALS, open.check(caller("127.0.0.1", Map.of("X-Forwarded-For", REMOTE)), Access.ADMIN));
        assertEquals(Verdict.NO_CREDENTIALS, open.check(caller("127.0.0.1", Map.of("Forwarded", "for=" + REMOTE)), Access.APP));
        assertEquals(Verdict.NO_CREDENTIALS, open.check(caller("127.0.0.1", Map.of(AccessPolicy.SERVER_REQUEST_HEADER, "1")), Access.ADMIN));
        assertEquals(Verdict.NO_CREDENTIALS, open.check(caller("localhost", Map.of()), Access.ADMIN), "names are never resolved");
        assertEquals(Verdict.NO_CREDENTIALS, open.check(caller(null, Map.of()), Access.ADMIN));
        assertEquals(Verdict.NO_CREDENTIALS, policy(null, null, false).check(caller("127.0.0.1", Map.of()), Access.VIEWER));
    }

    @Test
    void aConfiguredTokenMustBePresentedEvenFromLoopback() {
        AccessPolicy admin = policy("s3cret", null, true);
        assertEquals(Verdict.NO_CREDENTIALS, admin.check(caller("127.0.0.1", Map.of()), Access.ADMIN));
        assertEquals(Verdict.NO_CREDENTIALS, admin.check(caller("127.0.0.1", Map.of()), Access.VIEWER));
        assertEquals(Verdict.ALLOWED, admin.check(caller("127.0.0.1", Map.of()), Access.APP), "no Dapr token configured: open on loopback");
        AccessPolicy app = policy(null, "app-t", true);
        assertEquals(Verdict.NO_CREDENTIALS, app.check(caller("127.0.0.1", Map.of()), Access.APP));
        assertEquals(Verdict.ALLOWED, app.check(caller("127.0.0.1", Map.of()), Access.ADMIN));
    }

    @Test
    void theAdminTokenOpensEverythingFromAnywhereInAnyOfItsHeaders() {
        AccessPolicy p = policy("s3cret", "app-t", false);
        assertEquals(Verdict.ALLOWED, p.check(caller(REMOTE, Map.of("Authorization", "Bearer s3cret")), Access.ADMIN));
        assertEquals(Verdict.ALLOWED, p.check(caller(REMOTE, Map.of("x-capa-admin-token", "s3cret")), Access.VIEWER));
        assertEquals(Verdict.ALLOWED, p.check(caller(REMOTE, Map.of("CAPSULE_REVERSE_PROXY_ADMIN_TOKEN", "s3cret")), Access.ADMIN));
        assertEquals(Verdict.ALLOWED, p.check(caller(REMOTE, Map.of("dapr-api-token", "s3cret")), Access.APP));
    }

    @Test
    void duringARotationTheOldAndTheNewTokenBothWork() {
        AccessPolicy p = policy("new-t, old-t", " ,", false);
        assertEquals(Verdict.ALLOWED, p.check(caller(REMOTE, Map.of("Authorization", "Bearer new-t")), Access.ADMIN));
        assertEquals(Verdict.ALLOWED, p.check(caller(REMOTE, Map.of("Authorization", "Bearer old-t")), Access.ADMIN));
        assertEquals(Verdict.BAD_CREDENTIALS, p.check(caller(REMOTE, Map.of("Authorization", "Bearer new-t, old-t")), Access.ADMIN));
        assertFalse(p.tokenGuards(Access.APP), "blanks are no token");
    }

    @Test
    void theAppTokenOpensTheDaprApiOnly() {
        AccessPolicy p = policy("s3cret", "app-t", false);
        assertEquals(Verdict.ALLOWED, p.check(caller(REMOTE, Map.of("dapr-api-token", "app-t")), Access.APP));
        assertEquals(Verdict.ALLOWED, p.check(caller(REMOTE, Map.of("Authorization", "Bearer app-t")), Access.APP));
        assertEquals(Verdict.NOT_PERMITTED, p.check(caller(REMOTE, Map.of("dapr-api-token", "app-t")), Access.ADMIN));
        assertEquals(Verdict.NOT_PERMITTED, p.check(caller(REMOTE, Map.of("dapr-api-token", "app-t")), Access.VIEWER));
    }

    @Test
    void aWrongTokenOrARefusedLoginIsBadCredentials() {
        AccessPolicy p = policy("s3cret", "app-t", true);
        assertEquals(Verdict.BAD_CREDENTIALS, p.check(caller(REMOTE, Map.of("Authorization", "Bearer s3cre")), Access.ADMIN));
        assertEquals(Verdict.BAD_CREDENTIALS, p.check(caller("127.0.0.1", Map.of("dapr-api-token", "app-t!")), Access.APP));
        assertEquals(Verdict.BAD_CREDENTIALS, p.check(new Caller(REMOTE, n -> null, Caller.Login.REFUSED, Set.of()), Access.VIEWER));
    }

    @Test
    void rolesGrantTheirLevels() {
        AccessPolicy p = policy("s3cret", "app-t", false);
        assertEquals(Verdict.ALLOWED, p.check(user(REMOTE, Access.ADMIN), Access.ADMIN));
        assertEquals(Verdict.ALLOWED, p.check(user(REMOTE, Access.ADMIN), Access.APP));
        assertEquals(Verdict.ALLOWED, p.check(user(REMOTE, Access.VIEWER), Access.VIEWER));
        assertEquals(Verdict.NOT_PERMITTED, p.check(user(REMOTE, Access.VIEWER), Access.ADMIN));
        assertEquals(Verdict.NOT_PERMITTED, p.check(user(REMOTE, Access.VIEWER), Access.APP));
        assertEquals(Verdict.NOT_PERMITTED, p.check(user(REMOTE), Access.VIEWER), "a user in neither role");
    }

    @Test
    void levelsCoverWhatTheyShould() {
        assertTrue(Access.ADMIN.covers(Access.VIEWER));
        assertTrue(Access.VIEWER.covers(Access.PUBLIC));
        assertFalse(Access.VIEWER.covers(Access.APP));
        assertFalse(Access.APP.covers(Access.VIEWER));
        assertTrue(policy("a", null, true).tokenGuards(Access.VIEWER));
        assertFalse(policy("a", null, true).tokenGuards(Access.APP));
    }

    @Test
    void aResourceWithoutALevelNeedsAnAdmin() throws Exception {
        assertEquals(Access.ADMIN, AccessFilter.declared(Bare.class.getMethod("op"), Bare.class));
        assertEquals(Access.APP, AccessFilter.declared(Declared.class.getMethod("op"), Declared.class));
        assertEquals(Access.PUBLIC, AccessFilter.declared(Declared.class.getMethod("probe"), Declared.class));
    }

    static class Bare {
        public void op() {}
    }

    @RequiresAccess(Access.APP)
    static class Declared {
        public void op() {}

        @RequiresAccess(Access.PUBLIC)
        public void probe() {}
    }
}
