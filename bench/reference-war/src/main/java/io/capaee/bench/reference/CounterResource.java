// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.reference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The actor benchmark's Redis reference (bench/actors.sh): the example counter actor's {@code add} as a plain
 * JAX-RS resource doing the same Redis work on the same server, a read of the counter and a compare-and-set
 * of the new value in one Lua script (the key-value store's script, copied on purpose: the reference must
 * not run the runtime's code), retried when another call wrote in between; no turn, no activation, no
 * actor state cache. What the actor call costs beyond it is the runtime's own cost.
 *
 * <pre>
 * POST /reference/counter/{id}/add   N   -> the new value
 * </pre>
 * Keys: {@code capa:bench:reference:counter:<id>} (BENCH_COUNTER_NAMESPACE changes the prefix).
 */
@Path("/counter")
@ApplicationScoped
public class CounterResource {
    private static final String COMPARE_AND_SET = String.join("\n",
            "local current = redis.call('GET', KEYS[1])",
            "if ARGV[1] == '1' then",
            "  if current then return 0 end",
            "elseif current ~= ARGV[2] then return 0 end",
            "redis.call('SET', KEYS[1], ARGV[3])",
            "return 1");

    private final String namespace = System.getenv().getOrDefault("BENCH_COUNTER_NAMESPACE", "capa:bench:reference:counter:");

    @Inject
    RedisPool redis;

    @POST
    @Path("{id}/add")
    @Produces(MediaType.APPLICATION_JSON)
    public String add(@PathParam("id") String id, String body) {
        long by = Long.parseLong(body.trim());
        String key = namespace + id;
        while (true) {
            String current = redis.jedis().get(key);
            String next = Long.toString((current == null ? 0 : Long.parseLong(current)) + by);
            List<String> args = List.of(current == null ? "1" : "0", current == null ? "" : current, next);
            if (Long.valueOf(1).equals(redis.jedis().eval(COMPARE_AND_SET, List.of(key), args))) {
                return next;
            }
        }
    }
}
