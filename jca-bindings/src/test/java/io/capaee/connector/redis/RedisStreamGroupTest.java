// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.StreamEntryID;

/** A consumer group on a stream of the real Redis (127.0.0.1:6379), unique to the test and deleted after it. */
class RedisStreamGroupTest {
    private final String stream = "capa-test:stream:" + UUID.randomUUID();
    private final RedisClient client = new RedisClient(new RedisSettings("127.0.0.1", 6379, "", 0, 2000, 2), "capa-test");
    private final RedisCommands redis = client.commands();
    private final JedisPooled admin = new JedisPooled("127.0.0.1", 6379);

    @AfterEach
    void deleteTheStream() {
        client.close();
        admin.del(stream);
        admin.close();
    }

    private List<String> ids(List<StreamEntry> entries) {
        return entries.stream().map(StreamEntry::id).toList();
    }

    /** Consumer c1 of group g, created at the stream's start, that read {@code n} entries added now and acknowledged none. */
    private RedisStreamGroup readButNotAcknowledged(String... n) {
        RedisStreamGroup group = new RedisStreamGroup(redis, stream, "g", "c1");
        group.create(true);
        List<String> added = new ArrayList<>();
        for (String value : n) {
            added.add(redis.append(stream, Map.of("n", value), 0));
        }
        group.read(10, 0); // the pending list is empty: switches to new entries
        assertEquals(added, ids(group.read(10, 10)), "in stream order");
        return group;
    }

    private String idOf(String n) {
        return admin.xrange(stream, "-", "+").stream().filter(e -> n.equals(e.getFields().get("n")))
                .findFirst().orElseThrow().getID().toString();
    }

    @Test
    void theGroupIsCreatedOnceAndAtTheStartReadsWhatWasThereBefore() {
        String first = redis.append(stream, Map.of("n", "1"), 0);
        RedisStreamGroup group = new RedisStreamGroup(redis, stream, "g", "c1");
        assertTrue(group.create(true));
        assertFalse(group.create(true), "BUSYGROUP: already there");
        assertEquals(List.of(), group.read(10, 0), "nothing pending for a new consumer: the next read takes new entries");
        assertFalse(group.readingPending());
        List<StreamEntry> read = group.read(10, 10);
        assertEquals(List.of(first), ids(read));
        assertEquals(Map.of("n", "1"), read.get(0).fields());
    }

    @Test
    void aGroupCreatedAtTheEndSkipsWhatWasThereBefore() {
        redis.append(stream, Map.of("n", "old"), 0);
        RedisStreamGroup group = new RedisStreamGroup(redis, stream, "g", "c1");
        group.create(false);
        String fresh = redis.append(stream, Map.of("n", "new"), 0);
        assertEquals(List.of(fresh), ids(group.readNew(10, 10)));
    }

    @Test
    void unacknowledgedEntriesComeBackFirstAfterARelease() {
        RedisStreamGroup group = readButNotAcknowledged("a", "b");
        String a = idOf("a");
        String b = idOf("b");
        group.ack(a);
        group.release();
        assertTrue(group.readingPending());
        assertEquals(List.of(b), ids(group.read(10, 10)), "only the unacknowledged one, again");
        group.ack(b);
        assertEquals(List.of(), group.read(10, 10));
        assertFalse(group.readingPending(), "none pending: new entries next");
        assertEquals(0L, admin.xpending(stream, "g").getTotal());
    }

    @Test
    void aPendingEntryDeletedFromTheStreamIsAcknowledgedAndLeftOut() {
        RedisStreamGroup group = readButNotAcknowledged("gone", "kept");
        String kept = idOf("kept");
        admin.xdel(stream, new StreamEntryID(idOf("gone")));
        group.release();
        assertEquals(List.of(kept), ids(group.read(10, 10)));
        assertEquals(1L, admin.xpending(stream, "g").getTotal(), "the deleted entry no longer blocks the pending list");
    }

    @Test
    void anotherConsumerClaimsEntriesLeftIdle() throws Exception {
        RedisStreamGroup first = new RedisStreamGroup(redis, stream, "g", "c1");
        first.create(true);
        String a = redis.append(stream, Map.of("n", "a"), 0);
        first.readNew(10, 10);
        RedisStreamGroup second = new RedisStreamGroup(redis, stream, "g", "c2");
        assertEquals(List.of(), second.claimIdle(60_000, 10), "not idle for a minute yet");
        Thread.sleep(20);
        assertEquals(List.of(a), ids(second.claimIdle(10, 10)));
    }

    @Test
    void aMissingGroupIsRedisNogroupReply() {
        redis.append(stream, Map.of("n", "a"), 0);
        RedisException e = assertThrows(RedisException.class, () -> new RedisStreamGroup(redis, stream, "none", "c").readNew(1, 0));
        assertTrue(e.replied("NOGROUP"), e.getMessage());
        assertFalse(e.unreachable());
        assertTrue(e.getMessage().contains("XREADGROUP") && e.getMessage().contains("127.0.0.1:6379"), e.getMessage());
    }
}
