// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.api.inbound.InboundMessage;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import javax.transaction.xa.XAResource;

/**
 * A message endpoint factory as the container's, for tests: its endpoints implement {@code listener} and hand
 * each message to {@code bean} (which may throw, as a bean that refuses it); its activation name is
 * {@code activationName}.
 */
public record ListenerEndpointFactory(String activationName, Class<?> listener, Bean bean) implements MessageEndpointFactory {

    /** What the bean does with a message. */
    @FunctionalInterface
    public interface Bean {
        void onMessage(InboundMessage message) throws Exception;
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource) {
        return (MessageEndpoint) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {MessageEndpoint.class, listener}, (proxy, method, args) -> {
                    if (method.getName().equals("onMessage")) {
                        bean.onMessage((InboundMessage) args[0]);
                    }
                    return null;
                });
    }

    @Override
    public MessageEndpoint createEndpoint(XAResource xaResource, long timeout) {
        return createEndpoint(xaResource);
    }

    @Override
    public boolean isDeliveryTransacted(Method method) {
        return false;
    }

    @Override
    public String getActivationName() {
        return activationName;
    }

    @Override
    public Class<?> getEndpointClass() {
        return Object.class;
    }
}
