// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.inbound.InputBindingMXBean;
import io.capaee.api.inbound.NatsListener;
import io.capaee.api.jmx.ManagedBeans;
import java.util.Map;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Each activated input binding has its MBean, by bean name, while it is active; its lag and dead letters show there. */
class InputBindingMBeanTest {
    /** A source with a lag of 4 and nothing to deliver. */
    static final class LaggingSpec extends InboundActivationSpec {
        @Override
        protected InboundEndpoint createEndpoint(EndpointInvoker invoker) {
            return new EndpointLoop() {
                @Override
                protected void open() {
                    up();
                }

                @Override
                protected long turn() {
                    readLag(() -> 4);
                    return IDLE;
                }

                @Override
                protected void close() {
                }

                @Override
                public String describe() {
                    return "test source";
                }
            };
        }

        @Override
        protected void validateSource() {
        }

        @Override
        public String describe() {
            return "test source";
        }
    }

    @Test
    void anActiveBindingHasItsMBeanUntilItIsDeactivated() throws Exception {
        MBeanServer server = MBeanServerFactory.newMBeanServer();
        InboundEndpoints endpoints = new InboundEndpoints(new ManagedBeans(server));
        ListenerEndpointFactory factory = new ListenerEndpointFactory("capa-ee#ejb-bindings#OrdersBinding",
                NatsListener.class, message -> { });
        LaggingSpec spec = new LaggingSpec();
        ObjectName name = ManagedBeans.name(InputBindingMXBean.TYPE, "OrdersBinding");
        try (ThreadPoolWorkManager work = new ThreadPoolWorkManager()) {
            endpoints.activate(factory, spec, work.pacer());
            assertTrue(server.isRegistered(name));
            InputBindingMXBean mbean = JMX.newMXBeanProxy(server, name, InputBindingMXBean.class);
            assertEquals("OrdersBinding", mbean.getBinding());
            assertEquals("test source", mbean.getSource());
            assertEquals(0, mbean.getDeadLetters());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (mbean.getLag() < 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(4, mbean.getLag());
            assertEquals(Map.of("OrdersBinding", 4L), endpoints.lag());
            assertEquals(Map.of("OrdersBinding", 0L), endpoints.deadLetters());
            endpoints.deactivate(factory, spec);
            assertFalse(server.isRegistered(name));
            assertEquals(Map.of(), endpoints.lag());
        }
    }
}
