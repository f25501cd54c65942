// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import java.util.Map;

/**
 * {@code io.capaee:type=InputBindings}: per input-binding bean, the messages delivered to its target
 * since the start and the deliveries that failed. Each source's state is
 * {@code io.capaee:type=InboundEndpoints}.
 */
public interface InputBindingsMXBean {
    Map<String, Long> getDeliveries();

    Map<String, Long> getErrors();
}
