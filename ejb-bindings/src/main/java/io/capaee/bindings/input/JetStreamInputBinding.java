// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.JetStreamListener;
import jakarta.ejb.MessageDriven;

/**
 * The JetStream input binding: messages of the durable consumer of the activation spec
 * {@code capa-ee/ejb-bindings/JetStreamInputBinding} go to its {@code target}; a message is
 * acknowledged only after the target took it (or it was dead-lettered).
 */
@MessageDriven(name = "JetStreamInputBinding")
public class JetStreamInputBinding extends InputBinding implements JetStreamListener {}
