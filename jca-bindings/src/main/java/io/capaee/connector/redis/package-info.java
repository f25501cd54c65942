// SPDX-License-Identifier: Apache-2.0
/**
 * The {@code redis} key/value backend: {@link io.capaee.connector.redis.RedisKeyValueStore} over one
 * jedis {@code JedisPooled} per managed connection factory, and its validated
 * {@link io.capaee.connector.redis.RedisSettings}. Jedis types never leave this package.
 */
package io.capaee.connector.redis;
