// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.proxy.dapr.DaprException;
import org.junit.jupiter.api.Test;

/** Refusals that come before any store is asked. */
class LockResourceTest {
    private final LockResource resource = new LockResource();

    LockResourceTest() {
        resource.locks = new Locks(null, 3600);
    }

    private DaprException refused(String expiry) {
        return assertThrows(DaprException.class, () -> resource.tryLock("lockstore",
                "{\"resourceId\":\"r\",\"lockOwner\":\"o\",\"expiryInSeconds\":" + expiry + "}"));
    }

    @Test
    void anExpiryAboveTheMaximumIs400NamingTheFieldAndTheSetting() {
        for (String tooLong : new String[] {"3601", "4611686018427", "9223372036854775807", "99999999999999999999999", "1e400"}) {
            DaprException e = refused(tooLong);
            assertEquals(400, e.status(), tooLong);
            assertTrue(e.getMessage().contains("expiryInSeconds"), e.getMessage());
        }
        assertTrue(refused("3601").getMessage().contains("capa.lock.max-expiry-seconds"));
    }

    @Test
    void aNonPositiveOrFractionalExpiryIsStill400() {
        for (String bad : new String[] {"0", "-1", "1.5", "\"10\""}) {
            assertEquals(400, refused(bad).status(), bad);
        }
    }
}
