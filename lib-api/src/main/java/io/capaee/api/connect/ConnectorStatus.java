// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import java.time.Instant;

/**
 * A snapshot of one deployed connector: its state, what it reads and writes, and its message
 * counts since it was deployed: {@code in} taken from the source, {@code out} accepted by the
 * sink (and acknowledged at the source), {@code errors} failed attempts (each retried), {@code deadLetters}
 * messages given up; {@code lag} the messages waiting at a running connector's source as last read (Kafka,
 * JetStream and NATS KV, Redis streams), -1 for a source without one or a stopped connector.
 * {@code lastError} and {@code lastErrorAt} are null while nothing failed. {@code connected} is true
 * while a running connector has its sink and source open (subscribed), false while it is opening
 * them, reopening them after a failure, or stopped.
 */
public record ConnectorStatus(String id, String description, ConnectorKind kind, State state, boolean connected,
        String input,
        String output, int transformers, long in, long out, long errors, long deadLetters, long lag, String lastError, Instant lastErrorAt,
        String origin) {

    /** Whether the connector moves messages. */
    public enum State {
        RUNNING, STOPPED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
