// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.bindings;

import io.capaee.api.inbound.InboundEndpointsMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The resource adapter's {@link InboundEndpointsMXBean}: a web module's only way to the adapter's own state. */
final class AdapterEndpoints {
    private AdapterEndpoints() {}

    /** Empty while the adapter is not running. */
    static Optional<InboundEndpointsMXBean> find() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name;
        try {
            name = new ObjectName(InboundEndpointsMXBean.OBJECT_NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
        if (!server.isRegistered(name)) {
            return Optional.empty();
        }
        return Optional.of(JMX.newMXBeanProxy(server, name, InboundEndpointsMXBean.class));
    }
}
