// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.binding;

/** Output binding to a Kafka topic (operation create: produce a record; kafka-clients producer). */
public interface KafkaBindingFactory extends OutputBindingFactory {}
