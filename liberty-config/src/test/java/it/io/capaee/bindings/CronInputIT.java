// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.io.capaee.support.SharedResources;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The cron input binding ({@code CronInputBinding} bean, {@code @every 1s} in the tests) with an
 * actor target: every tick calls method {@code turn} of the actor {@code counter/cron-<port>}
 * (target {@code actor:counter/cron-<port>/turn}, liberty-config/pom.xml), which adds one to its count.
 */
@ResourceLock(value = SharedResources.ACTORS, mode = ResourceAccessMode.READ)
class CronInputIT {
    private static final String ACTOR = "counter/cron-" + System.getProperty("http.port", "9089");

    /**
     * The properties, not the machine's speed: ticks keep coming (three more within a generous
     * deadline), and never more often than the schedule allows (a slow machine can only make fewer).
     */
    @Test
    void ticksCallTheActorMethodAboutOncePerSecond() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (count() < 1) {
            assertTrue(System.nanoTime() < deadline, "no tick reached actor " + ACTOR + " within 30 s");
            Thread.sleep(200);
        }
        long start = System.nanoTime();
        int before = count();
        deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int ticks;
        while ((ticks = count() - before) < 3) {
            assertTrue(System.nanoTime() < deadline, "only " + ticks + " further ticks within 60 s");
            Thread.sleep(200);
        }
        Thread.sleep(2000);
        ticks = count() - before;
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        // @every 1s: at most one tick a second, plus one for the tick that may fall between the first reading and the start
        assertTrue(ticks <= seconds + 2, ticks + " ticks in " + seconds + " s");
        System.out.println(ticks + " cron ticks in " + seconds + " s");
    }

    private static int count() throws Exception {
        HttpResponse<String> r = Sidecar.post("/v1.0/actors/" + ACTOR + "/method/get", "");
        assertEquals(200, r.statusCode(), r.body());
        return Integer.parseInt(r.body().strip());
    }
}
