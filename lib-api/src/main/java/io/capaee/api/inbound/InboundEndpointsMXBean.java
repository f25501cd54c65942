// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

import java.util.Map;

/**
 * The resource adapter's activated inbound endpoints (message-driven beans it feeds), as JMX shows
 * them under {@value #OBJECT_NAME}: for operators, and for the readiness check {@code inbound} and the
 * gateway's metrics of input bindings, which read it because a web module has no other way to the
 * adapter's own state. Each endpoint also has an {@link InputBindingMXBean} of its own.
 */
public interface InboundEndpointsMXBean {
    String OBJECT_NAME = "io.capaee:type=InboundEndpoints";

    /**
     * One entry per activated endpoint (disabled activation specs have none), keyed by bean name:
     * {@code UP (<source>)} while its source is connected and read, else {@code DOWN: <why> (<source>)}.
     */
    Map<String, String> getStates();

    /** Per bean: messages given up after the last attempt (dead-lettered, or dropped where the source has no dead letters). */
    Map<String, Long> getDeadLetters();

    /**
     * Per bean whose source has a lag (Kafka, JetStream, Redis streams) and once it was read: the messages
     * waiting at the source for this endpoint, as last read (every few seconds).
     */
    Map<String, Long> getLag();
}
