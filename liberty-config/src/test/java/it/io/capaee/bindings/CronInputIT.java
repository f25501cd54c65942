// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The cron input binding ({@code CronInputBinding} bean, {@code @every 1s} in the tests) with an
 * actor target: every tick calls method {@code turn} of the actor {@code counter/cron-<port>}
 * (target {@code actor:counter/cron-<port>/turn}, liberty-config/pom.xml), which adds one to its count.
 */
class CronInputIT {
    private static final String ACTOR = "counter/cron-" + System.getProperty("http.port", "9089");

    @Test
    void ticksCallTheActorMethodAboutOncePerSecond() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count() < 1) {
            assertTrue(System.nanoTime() < deadline, "no tick reached actor " + ACTOR + " within 30 s");
            Thread.sleep(200);
        }
        int before = count();
        Thread.sleep(4000);
        int ticks = count() - before;
        assertTrue(ticks >= 3 && ticks <= 5, ticks + " ticks in 4 s");
    }

    private static int count() throws Exception {
        HttpResponse<String> r = Sidecar.post("/v1.0/actors/" + ACTOR + "/method/get", "");
        assertEquals(200, r.statusCode(), r.body());
        return Integer.parseInt(r.body().strip());
    }
}
