// SPDX-License-Identifier: Apache-2.0
/**
 * Redis, the one place the adapter talks to it: the validated
 * {@link io.capaee.connector.redis.RedisSettings} (from JCA properties held in
 * {@link io.capaee.connector.redis.RedisProperties}, or from a {@code redis://} URL), the one client
 * factory ({@link io.capaee.connector.redis.RedisClient}, a jedis pool), the commands the rest of
 * the adapter needs in its own types ({@link io.capaee.connector.redis.RedisCommands}, failures as
 * {@link io.capaee.connector.redis.RedisException} or the caller's API exception), a stream
 * consumer group ({@link io.capaee.connector.redis.RedisStreamGroup}), a channel subscription and
 * the key/value backend. Jedis types never leave this package.
 */
package io.capaee.connector.redis;
