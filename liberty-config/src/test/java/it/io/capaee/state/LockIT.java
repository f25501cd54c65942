// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.state;

import static it.io.capaee.support.Dapr.assertError;
import static it.io.capaee.support.Dapr.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import it.io.capaee.support.Dapr;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/** Dapr's lock API on the test server's {@code lockstore} (Redis leases). */
class LockIT {
    private static final String LOCK = "/v1.0-alpha1/lock/lockstore";
    private static final String UNLOCK = "/v1.0-alpha1/unlock/lockstore";
    private final String resource = Dapr.unique("lockit");

    @AfterEach
    void cleanUp() {
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.del(Dapr.appId() + "||lock||" + resource);
        }
    }

    private String lock(String owner, int seconds) {
        return "{\"resourceId\":\"" + resource + "\",\"lockOwner\":\"" + owner + "\",\"expiryInSeconds\":" + seconds + "}";
    }

    private String unlock(String owner) {
        return "{\"resourceId\":\"" + resource + "\",\"lockOwner\":\"" + owner + "\"}";
    }

    private static void assertJson(String expected, HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(Dapr.json(expected), Dapr.json(r.body()));
    }

    @Test
    void oneOwnerHoldsTheLockAndUnlockAnswersDaprsStatusCodes() throws Exception {
        assertJson("{\"success\":true}", post(LOCK, lock("alice", 30)));
        assertJson("{\"success\":false}", post(LOCK, lock("bob", 30)));
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            assertEquals("alice", redis.get(Dapr.appId() + "||lock||" + resource));
        }
        assertJson("{\"status\":2}", post(UNLOCK, unlock("bob")));
        assertJson("{\"status\":0}", post(UNLOCK, unlock("alice")));
        assertJson("{\"status\":1}", post(UNLOCK, unlock("alice")));
        assertJson("{\"success\":true}", post(LOCK, lock("bob", 30)));
    }

    @Test
    void aLeaseExpiresByItself() throws Exception {
        assertJson("{\"success\":true}", post(LOCK, lock("alice", 1)));
        Thread.sleep(1300);
        assertJson("{\"success\":true}", post(LOCK, lock("bob", 30)));
        assertJson("{\"status\":2}", post(UNLOCK, unlock("alice")));
    }

    @Test
    void badRequestsAndUnknownStoresAreRefused() throws Exception {
        assertError(post(LOCK, "{\"resourceId\":\"\",\"lockOwner\":\"a\",\"expiryInSeconds\":5}"), 400, "ERR_MALFORMED_REQUEST");
        assertError(post(LOCK, "{\"resourceId\":\"r\",\"lockOwner\":\"\",\"expiryInSeconds\":5}"), 400, "ERR_MALFORMED_REQUEST");
        assertError(post(LOCK, lock("alice", 0)), 400, "ERR_MALFORMED_REQUEST");
        // capa.lock.max-expiry-seconds (3600): a lock for a century is refused, and not taken
        assertError(post(LOCK, lock("alice", 3601)), 400, "ERR_MALFORMED_REQUEST");
        assertError(post(LOCK, "{\"resourceId\":\"" + resource + "\",\"lockOwner\":\"alice\",\"expiryInSeconds\":4611686018427}"),
                400, "ERR_MALFORMED_REQUEST");
        assertError(post(LOCK, "{not json"), 400, "ERR_MALFORMED_REQUEST");
        assertError(post(UNLOCK, "{\"resourceId\":\"r\"}"), 400, "ERR_MALFORMED_REQUEST");
        assertError(post("/v1.0-alpha1/lock/nope", lock("alice", 5)), 400, "ERR_LOCK_STORE_NOT_FOUND");
        assertError(post("/v1.0-alpha1/unlock/nope", unlock("alice")), 400, "ERR_LOCK_STORE_NOT_FOUND");
    }
}
