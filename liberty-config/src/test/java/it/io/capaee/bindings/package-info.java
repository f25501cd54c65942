// SPDX-License-Identifier: Apache-2.0
/** End-to-end tests of the bindings against the real Kafka, NATS (JetStream) and Redis. */
package it.io.capaee.bindings;
