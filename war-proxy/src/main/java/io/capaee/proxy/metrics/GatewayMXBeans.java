// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.metrics;

import java.util.List;
import java.util.Map;

/** The gateway's MBean interfaces, one per part it runs. */
public final class GatewayMXBeans {
    private GatewayMXBeans() {}

    /** {@code io.capaee:type=OutputBindings}: per binding name, since the start. */
    public interface OutputBindingsMXBean {
        Map<String, Long> getInvocations();

        Map<String, Long> getErrors();
    }

    /** {@code io.capaee:type=PubSub}: the subscriptions running here and, per {@code pubsub/topic}, the counts since the start. */
    public interface PubSubMXBean {
        /** {@code pubsub/topic -> route} of every subscription running on this server. */
        List<String> getSubscriptions();

        Map<String, Long> getPublished();

        Map<String, Long> getDelivered();

        Map<String, Long> getDeliveryFailures();

        Map<String, Long> getDeadLetters();

        /** Per {@code pubsub/topic} of a subscription running here whose broker has a lag: the messages waiting for it. */
        Map<String, Long> getLag();
    }

    /** {@code io.capaee:type=OutputBinding,name="<binding>"}: one configured output binding, since the start. */
    public interface OutputBindingMXBean {
        String getBinding();

        long getInvocations();

        long getErrors();
    }

    /**
     * {@code io.capaee:type=PubSub,name="<component>"}: one pub/sub component, its subscriptions running here and,
     * per topic, the counts since the start.
     */
    public interface PubSubComponentMXBean {
        String getComponent();

        String getType();

        /** {@code topic -> route} of every subscription of this component running on this server. */
        List<String> getSubscriptions();

        Map<String, Long> getPublished();

        Map<String, Long> getDelivered();

        Map<String, Long> getDeliveryFailures();

        Map<String, Long> getDeadLetters();

        /**
         * Per topic of a subscription running here, where the broker has a lag (Kafka, JetStream, Redis streams):
         * the messages waiting for this app's consumer group, read every few seconds.
         */
        Map<String, Long> getLag();
    }

    /** {@code io.capaee:type=Routes}: the reverse proxy's route table, {@code function/revision -> upstream URLs}. */
    public interface RoutesMXBean {
        Map<String, List<String>> getRoutes();

        int getRouteCount();
    }
}
