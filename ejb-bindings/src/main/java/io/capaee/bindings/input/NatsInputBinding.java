// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.NatsListener;
import jakarta.ejb.MessageDriven;

/**
 * The NATS input binding: events from the subject of the activation spec
 * {@code capa-ee/ejb-bindings/NatsInputBinding} go to its {@code target}.
 */
@MessageDriven(name = "NatsInputBinding")
public class NatsInputBinding extends InputBinding implements NatsListener {}
