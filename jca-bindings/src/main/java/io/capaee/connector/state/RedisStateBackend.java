// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.state.StateException;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.redis.RedisCommands;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * State in Redis: each entry a hash {@code {data, version}} at its namespaced key, as Dapr's Redis
 * store keeps it. Versions come from one counter per store ({@code NAMESPACE||version}, a key
 * no state key can map to, as state keys never contain {@code ||}), so an ETag never matches a
 * later life of a key. Every write, single or transactional, is one Lua script: the checks and the
 * writes happen with no other client in between. Redis does not undo a script that fails part-way,
 * so what could fail (a key holding another type) is checked before the first write.
 */
public final class RedisStateBackend implements StateBackend {
    // KEYS[1] = version counter, KEYS[2] = the counter's former key, KEYS[3..] = entries;
    // ARGV per write: value-or-empty, isDelete, check, version, ttl
    private static final String APPLY = String.join("\n",
            "local n = #KEYS - 2",
            // the counter moved from NAMESPACE_version (which is also state key '_version'); carry it over
            "if redis.call('TYPE', KEYS[2]).ok == 'string' then",
            "  local old = redis.call('GET', KEYS[2])",
            "  if tonumber(old) then",
            "    if tonumber(old) > (tonumber(redis.call('GET', KEYS[1])) or 0) then redis.call('SET', KEYS[1], old) end",
            "    redis.call('DEL', KEYS[2])",
            "  end",
            "end",
            "for i = 1, #KEYS do",
            "  if i ~= 2 then",
            "    local t = redis.call('TYPE', KEYS[i]).ok",
            "    local want = i == 1 and 'string' or 'hash'",
            "    if t ~= want and t ~= 'none' then",
            "      return redis.error_reply('WRONGTYPE key ' .. KEYS[i] .. ' holds a ' .. t .. ', not a state ' .. want)",
            "    end",
            "  end",
            "end",
            "for i = 1, n do",
            "  local check = ARGV[(i - 1) * 5 + 3]",
            "  if check ~= 'NONE' then",
            "    local v = redis.call('HGET', KEYS[i + 2], 'version')",
            "    if check == 'ABSENT' and v then return i - 1 end",
            "    if check == 'VERSION' and v ~= ARGV[(i - 1) * 5 + 4] then return i - 1 end",
            "  end",
            "end",
            "for i = 1, n do",
            "  local b = (i - 1) * 5",
            "  local key = KEYS[i + 2]",
            "  if ARGV[b + 2] == '1' then",
            "    redis.call('DEL', key)",
            "  else",
            "    local version = redis.call('INCR', KEYS[1])",
            "    redis.call('HSET', key, 'data', ARGV[b + 1], 'version', version)",
            "    local ttl = tonumber(ARGV[b + 5])",
            "    if ttl > 0 then redis.call('EXPIRE', key, ttl) else redis.call('PERSIST', key) end",
            "  end",
            "end",
            "return -1");

    private final RedisCommands redis;
    private final String versionKey;
    private final String formerVersionKey;

    public RedisStateBackend(RedisClient client, String namespace) {
        this.redis = client.commands(e -> new StateException(e.getMessage(), e));
        this.versionKey = namespace + "||version";
        this.formerVersionKey = namespace + "_version";
    }

    @Override
    public Map<String, Stored> get(List<String> keys) {
        Map<String, Stored> found = new LinkedHashMap<>();
        for (String key : keys) {
            List<String> fields = redis.hashFields(key, "data", "version");
            if (fields.get(0) != null && fields.get(1) != null) {
                found.put(key, new Stored(fields.get(0), Long.parseLong(fields.get(1))));
            }
        }
        return found;
    }

    @Override
    public int apply(List<StateWrite> writes) {
        if (writes.isEmpty()) {
            return -1;
        }
        List<String> keys = new ArrayList<>(writes.size() + 2);
        List<String> args = new ArrayList<>(writes.size() * 5);
        keys.add(versionKey);
        keys.add(formerVersionKey);
        for (StateWrite w : writes) {
            keys.add(w.key());
            args.add(w.delete() ? "" : w.value());
            args.add(w.delete() ? "1" : "0");
            args.add(w.check().name());
            args.add(Long.toString(w.expectedVersion()));
            args.add(Long.toString(w.ttlSeconds()));
        }
        return ((Long) redis.eval(APPLY, keys, args)).intValue();
    }

    /** SCAN over the hashes under {@code prefix} (its glob characters escaped), then each page read as {@link #get} reads. */
    @Override
    public void scan(String prefix, Consumer<Map<String, Stored>> page) {
        redis.scan(KeyValueConnection.globLiteral(prefix) + "*", "hash", keys -> page.accept(get(keys)));
    }

    @Override
    public String describe() {
        return redis.client().settings().describe();
    }
}
