// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.reference;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * The references' one Redis client, from the environment (the benchmark's server.env): BENCH_REDIS_HOST
 * (127.0.0.1), BENCH_REDIS_PORT (6379), BENCH_REDIS_POOL (32 connections).
 */
@ApplicationScoped
public class RedisPool {
    private JedisPooled jedis;

    @PostConstruct
    void open() {
        Map<String, String> env = System.getenv();
        int size = Integer.parseInt(env.getOrDefault("BENCH_REDIS_POOL", "32"));
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(size);
        pool.setMaxIdle(size);
        pool.setMinIdle(0);
        pool.setMaxWait(Duration.ofSeconds(2));
        jedis = new JedisPooled(new HostAndPort(env.getOrDefault("BENCH_REDIS_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("BENCH_REDIS_PORT", "6379"))),
                DefaultJedisClientConfig.builder().timeoutMillis(2000).clientName("bench-reference").build(), pool);
    }

    @PreDestroy
    void close() {
        jedis.close();
    }

    JedisPooled jedis() {
        return jedis;
    }
}
