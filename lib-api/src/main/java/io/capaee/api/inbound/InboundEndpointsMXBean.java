// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.inbound;

import java.util.Map;

/**
 * The resource adapter's activated inbound endpoints (message-driven beans it feeds), as JMX shows
 * them under {@value #OBJECT_NAME}: for operators, and for the readiness check {@code inbound},
 * which reads it because a web module has no other way to the adapter's own state.
 */
public interface InboundEndpointsMXBean {
    String OBJECT_NAME = "io.capaee:type=InboundEndpoints";

    /**
     * One entry per activated endpoint (disabled activation specs have none), keyed by bean name:
     * {@code UP (<source>)} while its source is connected and read, else {@code DOWN: <why> (<source>)}.
     */
    Map<String, String> getStates();
}
