// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.binding;

/** Output binding to a Redis server (operations create, get, delete; jedis). */
public interface RedisBindingFactory extends OutputBindingFactory {}
