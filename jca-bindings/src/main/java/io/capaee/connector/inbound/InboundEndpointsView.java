// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.api.inbound.InboundEndpointsMXBean;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** {@link InboundEndpointsMXBean} over the adapter's {@link InboundEndpoints}, registered while the adapter runs. */
public final class InboundEndpointsView implements InboundEndpointsMXBean {
    private static final Logger LOG = Logger.getLogger(InboundEndpointsView.class.getName());

    private final InboundEndpoints endpoints;

    public InboundEndpointsView(InboundEndpoints endpoints) {
        this.endpoints = endpoints;
    }

    @Override
    public Map<String, String> getStates() {
        return endpoints.states();
    }

    @Override
    public Map<String, Long> getDeadLetters() {
        return endpoints.deadLetters();
    }

    @Override
    public Map<String, Long> getLag() {
        return endpoints.lag();
    }

    /** Registers this view, replacing one left by an adapter that was not stopped cleanly. */
    public void register() {
        unregister();
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(this, new ObjectName(OBJECT_NAME));
        } catch (JMException e) {
            LOG.log(Level.WARNING, "inbound endpoint states not published over JMX: {0}", e.toString());
        }
    }

    public void unregister() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            ObjectName name = new ObjectName(OBJECT_NAME);
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.log(Level.FINE, "inbound endpoint states not unregistered: {0}", e.toString());
        }
    }
}
