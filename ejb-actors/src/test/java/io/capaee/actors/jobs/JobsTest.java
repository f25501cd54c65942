// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.actors.runtime.ManualScheduler;
import io.capaee.actors.runtime.MemoryKeyValue;
import io.capaee.api.InvalidValueException;
import io.capaee.api.jobs.JobException;
import io.capaee.api.jobs.JobSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link Jobs}: stored, armed on a manual clock, delivered, advanced, re-armed at start. */
class JobsTest {
    private final ManualScheduler clock = new ManualScheduler();
    private final MemoryKeyValue kv = new MemoryKeyValue();
    private final List<String> delivered = new ArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final Instant start = clock.instant();

    private Jobs server() {
        Jobs jobs = new Jobs(JobSettings.defaults(), new JobStore(kv, "test:"), clock, clock, job -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new JobException(JobException.Reason.DELIVERY, "the target is down");
            }
            delivered.add(job.name() + " " + job.data() + " at +" + Duration.between(start, clock.instant()).toSeconds() + "s");
        }, Runnable::run);
        jobs.start();
        return jobs;
    }

    private static JobSpec job(String name, String schedule, String dueTime, int repeats, String ttl) {
        return new JobSpec(name, schedule, dueTime, repeats, ttl, "{\"n\":1}", null);
    }

    @Test
    void aJobWithADueTimeFiresOnceWithItsDataAndIsThenRemoved() {
        Jobs jobs = server();
        jobs.schedule(job("once", null, "30s", 0, null), false);
        clock.advance(Duration.ofSeconds(29));
        assertEquals(List.of(), delivered);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of("once {\"n\":1} at +30s"), delivered);
        assertTrue(jobs.get("once").isEmpty());
    }

    @Test
    void aScheduledJobStopsAfterItsRepeats() {
        Jobs jobs = server();
        jobs.schedule(job("thrice", "@every 10s", null, 3, null), false);
        clock.advance(Duration.ofSeconds(25));
        assertEquals(2, jobs.get("thrice").orElseThrow().fired());
        clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of("thrice {\"n\":1} at +10s", "thrice {\"n\":1} at +20s", "thrice {\"n\":1} at +30s"), delivered);
        assertTrue(jobs.list().isEmpty());
    }

    @Test
    void aCronScheduleFiresOnItsTicksAfterTheDueTime() {
        Jobs jobs = server();
        jobs.schedule(job("cron", "30 * * * * *", "2m", 2, null), false);
        clock.advance(Duration.ofMinutes(10));
        assertEquals(List.of("cron {\"n\":1} at +120s", "cron {\"n\":1} at +150s"), delivered);
        assertTrue(jobs.list().isEmpty());
    }

    @Test
    void theTtlEndsAJob() {
        Jobs jobs = server();
        jobs.schedule(job("short", "@every 10s", null, 0, "35s"), false);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(3, delivered.size(), delivered.toString());
        assertTrue(jobs.get("short").isEmpty());
    }

    @Test
    void aDeletedJobDoesNotFire() {
        Jobs jobs = server();
        jobs.schedule(job("gone", "@every 10s", null, 0, null), false);
        clock.advance(Duration.ofSeconds(10));
        assertTrue(jobs.delete("gone"));
        assertFalse(jobs.delete("gone"));
        clock.advance(Duration.ofMinutes(5));
        assertEquals(1, delivered.size());
        assertEquals(0, clock.pending());
    }

    @Test
    void aJobDueWhileTheServerWasDownFiresOnceAtStart() {
        Jobs first = server();
        first.schedule(job("durable", "@every 1h", "1m", 0, null), false);
        first.stop();
        clock.advance(Duration.ofHours(5));
        assertEquals(List.of(), delivered);

        Jobs second = server();
        clock.advance(Duration.ZERO);
        assertEquals(List.of("durable {\"n\":1} at +18000s"), delivered, "the five missed ticks fire once");
        clock.advance(Duration.ofMinutes(59));
        assertEquals(1, delivered.size());
        clock.advance(Duration.ofMinutes(2));
        assertEquals(2, delivered.size());
        assertEquals(2, second.get("durable").orElseThrow().fired());
    }

    @Test
    void aJobWhoseTtlEndedWhileTheServerWasDownIsRemovedWithoutFiring() {
        Jobs first = server();
        first.schedule(job("late", "@every 1h", "1m", 0, "30m"), false);
        first.stop();
        clock.advance(Duration.ofHours(2));
        Jobs second = server();
        clock.advance(Duration.ZERO);
        assertEquals(List.of(), delivered);
        assertTrue(second.get("late").isEmpty());
    }

    @Test
    void aFailedDeliveryIsTriedAgainAndAfterItsAttemptsTheJobGoesOn() {
        Jobs jobs = server();
        failuresLeft.set(2);
        jobs.schedule(job("flaky", null, "10s", 0, null), false);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of(), delivered);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of("flaky {\"n\":1} at +20s"), delivered, "the third attempt, two retry intervals later");

        failuresLeft.set(3);
        jobs.schedule(job("broken", "@every 1m", null, 2, null), false);
        clock.advance(Duration.ofMinutes(5));
        assertEquals(List.of("flaky {\"n\":1} at +20s", "broken {\"n\":1} at +150s"), delivered,
                "the first firing (+80s) is given up after three attempts (+90s), the next is a minute after that");
    }

    @Test
    void aJobOfTheSameNameIsReplacedOnlyWhenAskedTo() {
        Jobs jobs = server();
        jobs.schedule(job("same", null, "10s", 0, null), false);
        assertEquals(JobException.Reason.EXISTS, assertThrows(JobException.class, () -> jobs.schedule(job("same", null, "20s", 0, null), false)).reason());
        jobs.schedule(job("same", null, "20s", 0, null), true);
        clock.advance(Duration.ofMinutes(1));
        assertEquals(List.of("same {\"n\":1} at +20s"), delivered, "the replaced job's firing is not delivered");
    }

    @Test
    void badFieldsAreRefusedByName() {
        Jobs jobs = server();
        assertEquals("schedule", assertThrows(InvalidValueException.class, () -> job("x", "61 * * * *", null, 0, null)).field());
        assertEquals("schedule", assertThrows(InvalidValueException.class, () -> job("x", null, null, 0, null)).field());
        assertEquals("repeats", assertThrows(InvalidValueException.class, () -> job("x", "@daily", null, -1, null)).field());
        assertEquals("name", assertThrows(InvalidValueException.class, () -> job("../x", "@daily", null, 0, null)).field());
        assertEquals("target", assertThrows(InvalidValueException.class,
                () -> new JobSpec("x", "@daily", null, 0, null, null, "function:")).field());
        assertEquals("dueTime", assertThrows(InvalidValueException.class, () -> jobs.schedule(job("x", null, "soon", 0, null), false)).field());
        assertEquals("ttl", assertThrows(InvalidValueException.class, () -> jobs.schedule(job("x", null, "1h", 0, "10m"), false)).field());
        assertTrue(jobs.list().isEmpty());
    }
}
