// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.RedisStreamListener;
import jakarta.ejb.MessageDriven;

/**
 * The Redis streams input binding: entries of the stream of the activation spec
 * {@code capa-ee/ejb-bindings/RedisStreamInputBinding} go to its {@code target}; an entry is
 * acknowledged only after the target took it (or it was dead-lettered).
 */
@MessageDriven(name = "RedisStreamInputBinding")
public class RedisStreamInputBinding extends InputBinding implements RedisStreamListener {}
