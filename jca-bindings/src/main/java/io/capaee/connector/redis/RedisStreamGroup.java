// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;

/**
 * One consumer of a consumer group on one stream. {@link #read} gives this consumer's pending
 * entries first (delivered before, left unacknowledged by a crash, a stop or a {@link #release()}),
 * then new ones; an entry is done once {@link #ack acknowledged}. Not thread-safe: one reader at a
 * time (a turn of an endpoint or a connector, or a subscription's thread).
 */
public final class RedisStreamGroup {
    private static final StreamEntryID START = new StreamEntryID(0, 0);

    private final RedisCommands redis;
    private final String stream;
    private final String group;
    private final String consumer;
    // "0": this consumer's pending entries; once none are left, ">" for new ones
    private boolean pending = true;

    public RedisStreamGroup(RedisCommands redis, String stream, String group, String consumer) {
        this.redis = redis;
        this.stream = stream;
        this.group = group;
        this.consumer = consumer;
    }

    /**
     * XGROUP CREATE ... MKSTREAM: the group (and the stream) at the stream's start, or at its end
     * for only what is added from now on. False when the group exists already.
     */
    public boolean create(boolean fromStart) {
        try {
            redis.attempt("XGROUP CREATE", j -> j.xgroupCreate(stream, group, fromStart ? START : StreamEntryID.LAST_ENTRY, true));
            return true;
        } catch (RedisException e) {
            if (e.replied("BUSYGROUP")) {
                return false;
            }
            throw redis.translate(e);
        }
    }

    /**
     * Up to {@code count} entries: this consumer's pending ones while there are any, else new ones,
     * waiting up to {@code blockMillis} for one. Empty when the pending list just ran out: the
     * next read takes new entries. A pending entry trimmed or deleted from the stream is
     * acknowledged and left out: nothing is left to deliver, and left pending it would come back
     * first on every read.
     */
    public List<StreamEntry> read(int count, int blockMillis) {
        if (!pending) {
            return readNew(count, blockMillis);
        }
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(count);
        List<redis.clients.jedis.resps.StreamEntry> read = first(redis.call("XREADGROUP",
                j -> j.xreadGroup(group, consumer, params, Map.of(stream, START))));
        if (read.isEmpty()) {
            pending = false;
        }
        return live(read);
    }

    /** Whether the next {@link #read} reads this consumer's pending entries. */
    public boolean readingPending() {
        return pending;
    }

    /** The entries read and not acknowledged are read again (pending first) by the next {@link #read}. */
    public void release() {
        pending = true;
    }

    /** XREADGROUP &gt;: up to {@code count} entries never delivered to the group, waiting up to {@code blockMillis}. */
    public List<StreamEntry> readNew(int count, int blockMillis) {
        XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(count);
        if (blockMillis > 0) {
            params.block(blockMillis); // BLOCK 0 would wait for ever
        }
        return live(first(redis.call("XREADGROUP",
                j -> j.xreadGroup(group, consumer, params, Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)))));
    }

    /** XAUTOCLAIM: up to {@code count} entries of any consumer of the group left unacknowledged for {@code minIdleMillis}. */
    public List<StreamEntry> claimIdle(long minIdleMillis, int count) {
        return live(redis.call("XAUTOCLAIM", j -> j.xautoclaim(stream, group, consumer, minIdleMillis, START,
                new XAutoClaimParams().count(count))).getValue());
    }

    /**
     * XINFO GROUPS: the group's {@code lag}, the entries of the stream not yet delivered to it (Redis 7 and
     * later); throws when Redis cannot tell (an older Redis, or entries deleted in the middle of the stream).
     */
    public long lag() {
        return StreamGroupLag.of(redis.call("XINFO GROUPS", j -> j.xinfoGroups(stream)), group);
    }

    /** XACK: the entry is done. */
    public void ack(String id) {
        redis.call("XACK", j -> j.xack(stream, group, new StreamEntryID(id)));
    }

    public String stream() {
        return stream;
    }

    public String group() {
        return group;
    }

    private static List<redis.clients.jedis.resps.StreamEntry> first(
            List<Map.Entry<String, List<redis.clients.jedis.resps.StreamEntry>>> read) {
        return read == null || read.isEmpty() ? List.of() : read.get(0).getValue();
    }

    private List<StreamEntry> live(List<redis.clients.jedis.resps.StreamEntry> read) {
        List<StreamEntry> entries = new ArrayList<>(read.size());
        for (redis.clients.jedis.resps.StreamEntry entry : read) {
            if (entry.getFields() == null) {
                redis.call("XACK", j -> j.xack(stream, group, entry.getID()));
            } else {
                entries.add(new StreamEntry(entry.getID().toString(), entry.getFields()));
            }
        }
        return entries;
    }
}
