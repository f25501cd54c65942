// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

/**
 * {@code io.capaee:type=Connectors,name="<id>"}: one deployed connector, read live, and its two safe
 * operations. The same actions as {@code POST /v1.0/connectors/<id>/start|stop}.
 */
public interface ConnectorMXBean {
    String getId();

    /** {@code inlet} or {@code outlet}. */
    String getKind();

    /** {@code running} or {@code stopped}; {@code deleted} once it is gone. */
    String getState();

    boolean isConnected();

    String getInput();

    String getOutput();

    long getMessagesIn();

    long getMessagesOut();

    long getErrors();

    long getDeadLetters();

    /** Messages waiting at the source as last read while it runs (Kafka, JetStream, NATS KV, Redis streams); -1 for none. */
    long getLag();

    /** The last failure, or empty. */
    String getLastError();

    /** Starts it; a running connector stays as it is. @return its state after */
    String start();

    /** Stops it after its message in flight; nothing unacknowledged is lost. @return its state after */
    String stop();
}
