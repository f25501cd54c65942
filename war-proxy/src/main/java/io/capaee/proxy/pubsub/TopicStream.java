// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.dapr.v1.DaprAppCallbackProtos.TopicEventResponse.TopicEventResponseStatus;

/**
 * A streaming subscription ({@code SubscribeTopicEventsAlpha1}) while its stream is open: the client's answers come in
 * through {@link #processed}, and {@link #close} ends it when the stream ends, however it ends.
 */
public interface TopicStream extends AutoCloseable {
    /**
     * The client's answer for the event {@code id}.
     *
     * @return false when no event of that id waits for an answer (answered already, or given up on)
     */
    boolean processed(String id, TopicEventResponseStatus status);

    /**
     * Stops the subscription: an event that waits for an answer is handed back to the broker unacknowledged, and no
     * other event is sent. Idempotent.
     */
    @Override
    void close();
}
