// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.redis;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.json.Jsonp;
import io.capaee.connector.inbound.DeliveryLine.Taken;
import io.capaee.connector.inbound.DeliveryLine;
import io.capaee.connector.inbound.DeliveryOutcome;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.EndpointLoop;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisCommands;
import io.capaee.connector.redis.RedisSettings;
import io.capaee.connector.redis.RedisStreamGroup;
import io.capaee.connector.redis.StreamEntry;
import jakarta.json.JsonObjectBuilder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads the group's entries, a batch a turn: first this consumer's pending entries (left
 * unacknowledged by a crash or a stop), then new ones. The entry's {@code data} field is the
 * payload (without one, the payload is the JSON object of all fields); other fields become
 * metadata. {@code XACK} after delivery or after the dead letter was added (with the fields
 * {@code capa-dead-letter-reason}, {@code capa-attempts}, {@code capa-original}); otherwise the
 * entry, and those read after it, stay pending and come again.
 */
final class RedisStreamInboundEndpoint extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(RedisStreamInboundEndpoint.class.getName());
    private static final int BATCH = 10;

    private final RedisSettings settings;
    private final String stream;
    private final String group;
    private final String consumer;
    private final String deadLetterStream;
    private final String target;
    private final long claimIdleMillis;
    private final DeliveryLine<Taken<StreamEntry>> line;
    // touched by turns only
    private RedisClient client;
    private RedisCommands redis;
    private RedisStreamGroup reader;
    private long nextClaim; // System.nanoTime() of the next look for other consumers' idle entries

    RedisStreamInboundEndpoint(RedisSettings settings, String stream, String group, String consumer,
            String deadLetterStream, String target, long claimIdleMillis, DeliveryPolicy policy, EndpointInvoker invoker) {
        this.settings = settings;
        this.stream = stream;
        this.group = group;
        this.consumer = consumer;
        this.deadLetterStream = deadLetterStream;
        this.target = target;
        this.claimIdleMillis = claimIdleMillis;
        // entries handed back stay pending: the next read starts from the pending list again
        this.line = DeliveryLine.toEndpoint(invoker, policy, this::settle, (entries, first) -> reader.release());
    }

    @Override
    protected void open() {
        client = new RedisClient(settings, "capa-ee-inbound", (int) TURN_WAIT.toMillis());
        redis = client.commands();
        reader = new RedisStreamGroup(redis, stream, group, consumer);
        nextClaim = System.nanoTime();
        if (reader.create(true)) {
            LOG.log(Level.INFO, "created consumer group {0} on stream {1}", new Object[] {group, stream});
        }
    }

    @Override
    protected long turn() {
        readLag(reader::lag);
        long wait = line.deliver(this::stopping);
        if (wait > 0 || stopping()) {
            return wait;
        }
        boolean pending = reader.readingPending();
        List<StreamEntry> entries = pending ? List.of() : claimIdle();
        if (entries.isEmpty()) {
            entries = reader.read(BATCH, (int) TURN_WAIT.toMillis());
        }
        up(); // a failed read throws: the loop reports it and reopens
        entries.forEach(entry -> line.add(taken(entry)));
        wait = line.deliver(this::stopping);
        if (wait > 0) {
            return wait;
        }
        // after pending entries, whether or not there were any, read again at once: new ones may be waiting
        return pending || !entries.isEmpty() ? AGAIN : IDLE;
    }

    /**
     * Entries another consumer of the group (a server that died) took and left unacknowledged for
     * {@code claimIdleMillis}, now this consumer's; looked for at most every tenth of that time.
     */
    private List<StreamEntry> claimIdle() {
        if (claimIdleMillis <= 0 || System.nanoTime() - nextClaim < 0) {
            return List.of();
        }
        nextClaim = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1000, claimIdleMillis / 10));
        List<StreamEntry> claimed = reader.claimIdle(claimIdleMillis, BATCH);
        if (!claimed.isEmpty()) {
            LOG.log(Level.INFO, "{0}: took over {1} entr(ies) another consumer left unacknowledged for {2} ms",
                    new Object[] {describe(), claimed.size(), claimIdleMillis});
        }
        return claimed;
    }

    @Override
    protected void close() {
        line.handBack(); // what is not acknowledged stays pending for the reader that comes next
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private Taken<StreamEntry> taken(StreamEntry entry) {
        Map<String, String> fields = entry.fields();
        Map<String, String> metadata = new HashMap<>();
        fields.forEach((name, value) -> {
            if (!name.equals("data")) {
                metadata.put(name, value);
            }
        });
        metadata.put("stream", stream);
        metadata.put("id", entry.id());
        byte[] data = fields.containsKey("data") ? fields.get("data").getBytes(StandardCharsets.UTF_8) : json(fields);
        return new Taken<>(entry, new InboundMessage("redis", stream, null, data, metadata, 1, target));
    }

    /** Acknowledges an entry delivered or dead-lettered; false (it stays pending) when neither. */
    private boolean settle(Taken<StreamEntry> taken, DeliveryOutcome outcome) {
        StreamEntry entry = taken.original();
        if (outcome.delivered() || deadLetter(entry, outcome)) {
            reader.ack(entry.id());
            return true;
        }
        return false;
    }

    private boolean deadLetter(StreamEntry entry, DeliveryOutcome outcome) {
        Map<String, String> letter = new LinkedHashMap<>(entry.fields());
        String reason = outcome.reason().replaceAll("[\\r\\n]+", " ");
        letter.put("capa-dead-letter-reason", reason.length() > 500 ? reason.substring(0, 500) : reason);
        letter.put("capa-attempts", Integer.toString(outcome.attempts()));
        letter.put("capa-original", stream + "@" + entry.id());
        try {
            redis.append(deadLetterStream, letter, 0);
            LOG.log(Level.WARNING, "{0}: entry {1} sent to dead-letter stream {2} after {3} attempt(s)",
                    new Object[] {describe(), entry.id(), deadLetterStream, outcome.attempts()});
            return true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, describe() + ": dead letter to " + deadLetterStream + " failed; the entry stays pending", e);
            return false;
        }
    }

    private static byte[] json(Map<String, String> fields) {
        JsonObjectBuilder object = Jsonp.createObjectBuilder();
        fields.forEach(object::add);
        return object.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String describe() {
        return "redis stream inbound " + stream + " (group " + group + ", consumer " + consumer + ")";
    }
}
