// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.cron;

import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisCommands;
import io.capaee.connector.redis.RedisException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tick claims in Redis, one key per tick ({@code <keyPrefix><due time in epoch milliseconds>}): the
 * claimant's id with a lease ({@code SET NX PX}), renewed while it delivers, then {@code done} for
 * {@code 10 × lease} so that a server that sees the tick late knows it was delivered. Changes to a
 * claim are compared with the claimant's id in one script, so a server whose lease lapsed cannot mark a
 * tick that another server took over. When Redis cannot be reached, a server delivers the tick itself:
 * a tick is rather delivered twice than lost.
 */
final class RedisTickClaims implements TickClaims {
    private static final Logger LOG = Logger.getLogger(RedisTickClaims.class.getName());
    private static final String DONE = "done";
    private static final String KEEP = "if redis.call('GET', KEYS[1]) == ARGV[1] then"
            + " return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0";
    private static final String FINISH = "if redis.call('GET', KEYS[1]) == ARGV[1] then"
            + " redis.call('SET', KEYS[1], ARGV[3], 'PX', ARGV[2]) return 1 end return 0";
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then"
            + " return redis.call('DEL', KEYS[1]) end return 0";

    private final RedisClient client;
    private final RedisCommands redis;
    private final String keyPrefix;
    private final String owner;
    private final long leaseMillis;

    /** Takes {@code client} over: {@link #close()} closes it. */
    RedisTickClaims(RedisClient client, String keyPrefix, String owner, long leaseMillis) {
        this.client = client;
        this.redis = client.commands();
        this.keyPrefix = keyPrefix;
        this.owner = owner;
        this.leaseMillis = leaseMillis;
    }

    /** How long a tick's done mark is kept: watchers give a tick up well before it lapses. */
    static long retentionMillis(long leaseMillis) {
        return 10 * leaseMillis;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public boolean claim(ZonedDateTime due) {
        try {
            return redis.setIfAbsent(key(due), owner, leaseMillis);
        } catch (RedisException e) {
            LOG.log(Level.WARNING, "cannot claim the tick of {0} in {1} ({2}): delivering it here",
                    new Object[] {due, client.settings().describe(), e.getMessage()});
            return true;
        }
    }

    @Override
    public State state(ZonedDateTime due) {
        try {
            String value = redis.get(key(due));
            return value == null ? State.FREE : DONE.equals(value) ? State.DONE : State.HELD;
        } catch (RedisException e) {
            return State.HELD; // asked again on a later turn
        }
    }

    @Override
    public void keep(ZonedDateTime due) {
        change(KEEP, due, String.valueOf(leaseMillis));
    }

    @Override
    public void done(ZonedDateTime due) {
        change(FINISH, due, String.valueOf(retentionMillis(leaseMillis)), DONE);
    }

    @Override
    public void release(ZonedDateTime due) {
        change(RELEASE, due);
    }

    private void change(String script, ZonedDateTime due, String... args) {
        try {
            List<String> argv = new ArrayList<>(List.of(args));
            argv.add(0, owner);
            redis.eval(script, List.of(key(due)), argv);
        } catch (RedisException e) {
            // the lease lapses by itself; a watcher then delivers the tick again (at least once)
            LOG.log(Level.WARNING, "cannot update the claim of the tick of {0} in {1}: {2}",
                    new Object[] {due, client.settings().describe(), e.getMessage()});
        }
    }

    private String key(ZonedDateTime due) {
        return keyPrefix + due.toInstant().toEpochMilli();
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "tick claims " + keyPrefix + "* in " + client.settings().describe();
    }
}
