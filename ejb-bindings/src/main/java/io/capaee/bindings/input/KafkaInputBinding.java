// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.KafkaListener;
import jakarta.ejb.MessageDriven;

/**
 * The Kafka input binding: records of the topics of the activation spec
 * {@code capa-ee/ejb-bindings/KafkaInputBinding} go to its {@code target}; the offset is
 * committed only after the target took it (or the record was dead-lettered).
 */
@MessageDriven(name = "KafkaInputBinding")
public class KafkaInputBinding extends InputBinding implements KafkaListener {}
