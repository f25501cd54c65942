// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.jetstream;

/** What a JetStream endpoint consumes, validated by its activation spec. */
record JetStreamSource(String stream, String subject, String durable, boolean createStream, int ackWaitMillis,
        String deadLetterSubject) {}
