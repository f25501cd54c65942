// SPDX-License-Identifier: Apache-2.0
/** The {@code kafka} output binding: one kafka-clients producer per binding. */
package io.capaee.connector.binding.kafka;
