// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.reference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The state benchmark's reference (bench/state.sh): Dapr's state save, get, bulk get and transaction as a
 * plain JAX-RS resource making the same jedis calls as the Redis state store (jca-bindings'
 * {@code RedisStateBackend}) on the same server, without the runtime around them (no resource adapter,
 * no store lookup, no access checks): get is one HMGET, bulk get one HMGET per key, save and a transaction
 * one EVAL of the same script. What the difference between the two measures is the runtime's own cost.
 *
 * <pre>
 * GET  /reference/state/{key}          the value (200) or 204
 * POST /reference/state                [{"key":K,"value":V}, ...]                                 204
 * POST /reference/state/bulk           {"keys":[K, ...]}  -> [{"key":K,"data":V,"etag":E}, ...]   200
 * POST /reference/state/transaction    {"operations":[{"operation":"upsert","request":{"key":K,"value":V}}, ...]}   204
 * </pre>
 * Redis comes from {@link RedisPool}; the keys' namespace from the environment (BENCH_STATE_NAMESPACE).
 */
@Path("/state")
@ApplicationScoped
public class StateResource {
    // RedisStateBackend's script, copied on purpose: the reference must not run the runtime's code.
    // KEYS[1] = version counter, KEYS[2] = the counter's former key, KEYS[3..] = entries;
    // ARGV per write: value-or-empty, isDelete, check, version, ttl
    private static final String APPLY = String.join("\n",
            "local n = #KEYS - 2",
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

    private final String namespace = System.getenv().getOrDefault("BENCH_STATE_NAMESPACE", "capa-bench-reference");
    @Inject
    RedisPool redis;

    @GET
    @Path("{key}")
    public Response get(@PathParam("key") String key) {
        List<String> fields = redis.jedis().hmget(namespace + "||" + key, "data", "version");
        if (fields.get(0) == null || fields.get(1) == null) {
            return Response.noContent().build();
        }
        return Response.ok(fields.get(0), MediaType.APPLICATION_JSON_TYPE).header("ETag", fields.get(1)).build();
    }

    @POST
    public Response save(String body) {
        List<JsonObject> writes = new ArrayList<>();
        for (JsonValue item : Json.createReader(new StringReader(body)).readArray()) {
            writes.add(item.asJsonObject());
        }
        apply(writes);
        return Response.noContent().build();
    }

    @POST
    @Path("bulk")
    public Response bulk(String body) {
        JsonArrayBuilder result = Json.createArrayBuilder();
        for (JsonValue key : Json.createReader(new StringReader(body)).readObject().getJsonArray("keys")) {
            String k = ((JsonString) key).getString();
            List<String> fields = redis.jedis().hmget(namespace + "||" + k, "data", "version");
            JsonObjectBuilder item = Json.createObjectBuilder().add("key", k);
            if (fields.get(0) != null && fields.get(1) != null) {
                item.add("data", Json.createReader(new StringReader(fields.get(0))).readValue()).add("etag", fields.get(1));
            }
            result.add(item);
        }
        return Response.ok(result.build().toString(), MediaType.APPLICATION_JSON_TYPE).build();
    }

    @POST
    @Path("transaction")
    public Response transaction(String body) {
        List<JsonObject> writes = new ArrayList<>();
        for (JsonValue op : Json.createReader(new StringReader(body)).readObject().getJsonArray("operations")) {
            writes.add(op.asJsonObject().getJsonObject("request"));
        }
        apply(writes);
        return Response.noContent().build();
    }

    /** One EVAL writing every {key, value} of writes, unconditionally, without a TTL: what a save or an upsert sends. */
    private void apply(List<JsonObject> writes) {
        List<String> keys = new ArrayList<>(writes.size() + 2);
        List<String> args = new ArrayList<>(writes.size() * 5);
        keys.add(namespace + "||version");
        keys.add(namespace + "_version");
        for (JsonObject w : writes) {
            keys.add(namespace + "||" + w.getString("key"));
            args.addAll(List.of(w.get("value").toString(), "0", "NONE", "0", "0"));
        }
        redis.jedis().eval(APPLY, keys, args);
    }
}
