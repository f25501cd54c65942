// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

/** Listener type of the Redis streams activation spec (consumer groups, XACK after delivery). */
public interface RedisStreamListener extends InboundListener {}
