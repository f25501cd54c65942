// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.bindings;

import io.capaee.api.inbound.InputBindingMXBean;
import io.capaee.api.jmx.ManagedBeans;
import io.capaee.api.json.Jsonp;
import io.capaee.api.security.Access;
import io.capaee.api.security.RequiresAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArrayBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Comparator;
import java.util.List;
import javax.management.InstanceNotFoundException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * {@code GET /v1.0-alpha1/bindings/inbound} (viewer): every active input binding of this server with its
 * state, source, deliveries, failed attempts, dead letters and lag (-1: the source has none), read from the
 * resource adapter's {@link InputBindingMXBean}s, the only way a web module has to the adapter's counts.
 */
@RequiresAccess(Access.VIEWER)
@Path("/v1.0-alpha1/bindings/inbound")
@ApplicationScoped
public class InputBindingsResource {
    private static final ObjectName PATTERN = pattern();

    private static ObjectName pattern() {
        try {
            return new ObjectName(ManagedBeans.DOMAIN + ":type=" + InputBindingMXBean.TYPE + ",*");
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String list() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        List<ObjectName> names = server.queryNames(PATTERN, null).stream()
                .sorted(Comparator.comparing(ObjectName::toString)).toList();
        JsonArrayBuilder list = Jsonp.createArrayBuilder();
        for (ObjectName name : names) {
            InputBindingMXBean b = JMX.newMXBeanProxy(server, name, InputBindingMXBean.class);
            try {
                list.add(Jsonp.createObjectBuilder().add("binding", b.getBinding()).add("state", b.getState())
                        .add("source", b.getSource()).add("deliveries", b.getDeliveries())
                        .add("deliveryErrors", b.getDeliveryErrors()).add("deadLetters", b.getDeadLetters())
                        .add("lag", b.getLag()));
            } catch (UndeclaredThrowableException e) {
                if (!(e.getCause() instanceof InstanceNotFoundException)) {
                    throw e;
                }
                // deactivated between the query and the read: not listed
            }
        }
        return list.build().toString();
    }
}
