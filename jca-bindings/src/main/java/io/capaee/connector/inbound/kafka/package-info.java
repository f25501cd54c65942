// SPDX-License-Identifier: Apache-2.0
/**
 * Kafka inbound: topics in a consumer group, at-least-once: offsets are committed only after the
 * bean returned (or the record was dead-lettered successfully).
 */
package io.capaee.connector.inbound.kafka;
