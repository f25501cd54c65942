// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.jmx;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The MBeans one module registered, under {@value #DOMAIN}. A registration replaces an MBean of the same
 * name (one a previous run of the application left behind, or the part's earlier instance), and
 * {@link #close} unregisters every one still registered. Thread-safe.
 */
public final class ManagedBeans implements AutoCloseable {
    public static final String DOMAIN = "io.capaee";
    private static final Logger LOG = Logger.getLogger(ManagedBeans.class.getName());

    private final MBeanServer server;
    private final Set<ObjectName> names = ConcurrentHashMap.newKeySet();

    /** On the platform MBean server, the one JConsole, Liberty's connectors and JMX exporters read. */
    public ManagedBeans() {
        this(ManagementFactory.getPlatformMBeanServer());
    }

    public ManagedBeans(MBeanServer server) {
        this.server = server;
    }

    /** {@code io.capaee:type=<type>}. */
    public static ObjectName name(String type) {
        return parse(DOMAIN + ":type=" + type);
    }

    /** {@code io.capaee:type=<type>,name="<name>"}, the name quoted (it may hold any character). */
    public static ObjectName name(String type, String name) {
        return parse(DOMAIN + ":type=" + type + ",name=" + ObjectName.quote(name));
    }

    private static ObjectName parse(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not an MBean name: " + text, e);
        }
    }

    /** Registers {@code mbean} (an MXBean or standard MBean) as {@code name}; a failure is logged, not thrown. */
    public void register(ObjectName name, Object mbean) {
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
            server.registerMBean(mbean, name);
            names.add(name);
        } catch (InstanceNotFoundException e) {
            register(name, mbean); // unregistered by another thread between the two calls
        } catch (JMException e) {
            LOG.log(Level.WARNING, "MBean {0} not registered: {1}", new Object[] {name, e.toString()});
        }
    }

    public void unregister(ObjectName name) {
        names.remove(name);
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.log(Level.FINE, "MBean {0} was already gone: {1}", new Object[] {name, e.toString()});
        }
    }

    /** The names registered through this and still held. */
    public Set<ObjectName> names() {
        return Set.copyOf(names);
    }

    @Override
    public void close() {
        for (ObjectName name : List.copyOf(names)) {
            unregister(name);
        }
    }
}
