// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.inbound.CronListener;
import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.connector.cron.CronSettings;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.Eventually;
import io.capaee.connector.inbound.ListenerEndpointFactory;
import io.capaee.connector.inbound.ThreadPoolWorkManager;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisSettings;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Cron endpoints of several servers on one Redis (127.0.0.1:6379, keys of this test's own): each tick is
 * delivered by one of them, none is lost, and a tick whose claimant died is taken over.
 */
class CronGroupTest {
    private static final RedisSettings REDIS = new RedisSettings("127.0.0.1", 6379, "", 0, 2000, 2);
    private static final DeliveryPolicy POLICY = new DeliveryPolicy(3, 1, 5);

    private final String prefix = "capa:test:cron:" + UUID.randomUUID() + ":";
    private final ThreadPoolWorkManager work = new ThreadPoolWorkManager();
    private final List<CronInboundEndpoint> endpoints = new ArrayList<>();
    private final List<String[]> delivered = new CopyOnWriteArrayList<>(); // {server, time}

    @AfterEach
    void stop() throws Exception {
        for (CronInboundEndpoint endpoint : endpoints) {
            endpoint.release();
            endpoint.awaitStopped(5000);
        }
        work.close();
        try (RedisClient client = new RedisClient(REDIS, "capa-test")) {
            client.commands().scan(prefix + "*", null, keys -> keys.forEach(client.commands()::delete));
        }
    }

    private void start(String server, String schedule, long leaseMillis) throws Exception {
        CronInboundEndpoint endpoint = new CronInboundEndpoint(CronSettings.of(schedule, "UTC"), "http://app/cron", POLICY,
                new EndpointInvoker(new ListenerEndpointFactory("capa-ee#ejb-bindings#CronInputBinding", CronListener.class,
                        message -> delivered.add(new String[] {server, message.metadata().get("time")}))),
                () -> new RedisTickClaims(new RedisClient(REDIS, "capa-test-cron"), prefix, server, leaseMillis),
                Duration.ofMillis(RedisTickClaims.retentionMillis(leaseMillis) / 2));
        endpoints.add(endpoint);
        endpoint.start(work.pacer());
        Eventually.await(() -> endpoint.problem().isEmpty());
    }

    /** Deliveries per tick time. */
    private Map<OffsetDateTime, List<String>> byTick() {
        Map<OffsetDateTime, List<String>> ticks = new TreeMap<>();
        for (String[] d : delivered) {
            ticks.computeIfAbsent(OffsetDateTime.parse(d[1]), t -> new ArrayList<>()).add(d[0]);
        }
        return ticks;
    }

    @Test
    void threeServersDeliverEveryTickOnceBetweenThem() throws Exception {
        start("a", "@every 500ms", 5000);
        start("b", "@every 500ms", 5000);
        start("c", "@every 500ms", 5000);
        Eventually.await(() -> byTick().size() >= 8);
        for (CronInboundEndpoint endpoint : endpoints) {
            endpoint.release();
            endpoint.awaitStopped(5000);
        }
        Map<OffsetDateTime, List<String>> ticks = byTick();
        ticks.forEach((time, servers) -> assertEquals(1, servers.size(), time + " was delivered by " + servers));
        // every due time of the period, one after the other: none was skipped by all three
        OffsetDateTime expected = null;
        for (OffsetDateTime time : ticks.keySet()) {
            assertEquals(0, time.toInstant().toEpochMilli() % 500, time + " is not aligned on the period");
            if (expected != null) {
                assertEquals(expected, time, "ticks between " + ticks.keySet());
            }
            expected = time.plus(Duration.ofMillis(500));
        }
    }

    @Test
    void aTickWhoseClaimantDiedIsTakenOverOnceItsLeaseLapses() throws Exception {
        // a server that claimed the next two ticks of the period and died before delivering them
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        ZonedDateTime first = io.capaee.api.config.CronSchedule.parse("@every 1s").nextAligned(now.plusSeconds(1));
        try (RedisTickClaims dead = new RedisTickClaims(new RedisClient(REDIS, "capa-test-dead"), prefix, "dead", 4000)) {
            assertTrue(dead.claim(first));
            assertTrue(dead.claim(first.plusSeconds(1)));
        }
        start("a", "@every 1s", 5000);

        Eventually.await(() -> byTick().containsKey(first.plusSeconds(2).toOffsetDateTime()));
        Eventually.await(() -> byTick().containsKey(first.plusSeconds(1).toOffsetDateTime())
                && byTick().containsKey(first.toOffsetDateTime()));
        byTick().forEach((time, servers) -> assertEquals(List.of("a"), servers, "tick " + time));
        List<String> order = delivered.stream().map(d -> d[1]).toList();
        assertTrue(order.indexOf(first.toOffsetDateTime().toString()) > order.indexOf(first.plusSeconds(2).toOffsetDateTime().toString()),
                "the dead server's tick came late, once its lease lapsed: " + order);
    }

    @Test
    void aClaimIsChangedOnlyByItsClaimant() throws Exception {
        ZonedDateTime due = ZonedDateTime.now(ZoneOffset.UTC).plusHours(1);
        try (RedisTickClaims a = new RedisTickClaims(new RedisClient(REDIS, "capa-test-a"), prefix, "a", 60_000);
                RedisTickClaims b = new RedisTickClaims(new RedisClient(REDIS, "capa-test-b"), prefix, "b", 60_000)) {
            assertTrue(a.claim(due));
            assertFalse(b.claim(due));
            assertEquals(TickClaims.State.HELD, b.state(due));
            b.done(due);
            b.release(due);
            assertEquals(TickClaims.State.HELD, b.state(due), "b changed a's claim");
            a.release(due);
            assertEquals(TickClaims.State.FREE, b.state(due));
            assertTrue(b.claim(due));
            b.done(due);
            assertEquals(TickClaims.State.DONE, a.state(due));
            assertFalse(a.claim(due), "a done tick is claimed again");
        }
    }
}
