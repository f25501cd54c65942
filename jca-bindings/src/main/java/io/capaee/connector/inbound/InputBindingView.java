// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.api.inbound.InputBindingMXBean;

/** {@link InputBindingMXBean} over one active endpoint and the invoker that counts its deliveries. */
final class InputBindingView implements InputBindingMXBean {
    private final EndpointInvoker invoker;
    private final InboundEndpoint endpoint;

    InputBindingView(EndpointInvoker invoker, InboundEndpoint endpoint) {
        this.invoker = invoker;
        this.endpoint = endpoint;
    }

    @Override
    public String getBinding() {
        return invoker.bean();
    }

    @Override
    public String getSource() {
        return endpoint.describe();
    }

    @Override
    public String getState() {
        return InboundEndpoints.state(endpoint);
    }

    @Override
    public long getDeliveries() {
        return invoker.deliveries();
    }

    @Override
    public long getDeliveryErrors() {
        return invoker.failures();
    }

    @Override
    public long getDeadLetters() {
        return invoker.deadLetters();
    }

    @Override
    public long getLag() {
        return endpoint.lag().orElse(-1);
    }
}
