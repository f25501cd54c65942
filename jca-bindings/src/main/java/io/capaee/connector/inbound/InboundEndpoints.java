// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.api.inbound.InputBindingMXBean;
import io.capaee.api.jmx.ManagedBeans;
import io.capaee.connector.BindingException;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.resource.spi.work.WorkException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.ObjectName;

/**
 * The activated endpoints of the adapter, keyed by (factory, spec): started on activation in turns
 * on the container's work manager ({@link WorkPacer}), stopped (released, then awaited) on deactivation or when
 * the adapter stops. Each active endpoint has its {@link InputBindingMXBean}, registered on activation and
 * unregistered when it stops.
 */
public final class InboundEndpoints {
    private static final Logger LOG = Logger.getLogger(InboundEndpoints.class.getName());
    private static final long STOP_WAIT_MILLIS = 15_000;

    private record Key(MessageEndpointFactory factory, ActivationSpec spec) {}

    /** An activated endpoint, the invoker that counts its deliveries, and its MBean's name. */
    private record Active(InboundEndpoint endpoint, EndpointInvoker invoker, ObjectName name) {}

    private final Map<Key, Active> active = new ConcurrentHashMap<>();
    private final ManagedBeans mbeans;

    public InboundEndpoints() {
        this(new ManagedBeans());
    }

    public InboundEndpoints(ManagedBeans mbeans) {
        this.mbeans = mbeans;
    }

    public void activate(MessageEndpointFactory factory, ActivationSpec spec, WorkPacer pacer)
            throws ResourceException {
        if (!(spec instanceof InboundActivationSpec inbound)) {
            throw new NotSupportedException("Capa EE has no inbound binding for "
                    + (spec == null ? "null" : spec.getClass().getName()));
        }
        spec.validate();
        if (!inbound.enabled()) {
            LOG.log(Level.INFO, "inbound binding {0} for {1} is disabled (enabled=false)",
                    new Object[] {inbound.describe(), factory.getActivationName()});
            return;
        }
        EndpointInvoker invoker = new EndpointInvoker(factory);
        InboundEndpoint endpoint;
        try {
            endpoint = inbound.createEndpoint(invoker);
        } catch (BindingException e) {
            throw new ResourceException("cannot activate " + inbound.describe() + ": " + e.getMessage(), e);
        }
        Key key = new Key(factory, spec);
        ObjectName name = ManagedBeans.name(InputBindingMXBean.TYPE, invoker.bean());
        if (active.putIfAbsent(key, new Active(endpoint, invoker, name)) != null) {
            throw new ResourceException(inbound.describe() + " is already active for " + factory.getActivationName());
        }
        try {
            endpoint.start(pacer);
        } catch (WorkException e) {
            active.remove(key);
            throw new ResourceException("the work manager refused " + endpoint.describe() + ": " + e.getMessage(), e);
        }
        mbeans.register(name, new InputBindingView(invoker, endpoint));
        LOG.log(Level.INFO, "inbound binding {0} activated for {1}",
                new Object[] {endpoint.describe(), factory.getActivationName()});
    }

    public void deactivate(MessageEndpointFactory factory, ActivationSpec spec) {
        Active gone = active.remove(new Key(factory, spec));
        if (gone != null) {
            mbeans.unregister(gone.name());
            stop(gone.endpoint());
        }
    }

    public void stopAll() {
        List<Active> all = new ArrayList<>(active.values());
        active.clear();
        all.forEach(a -> mbeans.unregister(a.name()));
        all.forEach(a -> a.endpoint().release());
        all.forEach(a -> await(a.endpoint()));
    }

    /**
     * Every active endpoint by bean name (the last part of the activation name):
     * {@code UP (<source>)} or {@code DOWN: <why> (<source>)}.
     */
    public Map<String, String> states() {
        Map<String, String> states = new TreeMap<>();
        active.values().forEach(a -> states.put(a.invoker().bean(), state(a.endpoint()) + " (" + a.endpoint().describe() + ")"));
        return states;
    }

    /** {@code UP}, or {@code DOWN: <why>}. */
    static String state(InboundEndpoint endpoint) {
        return endpoint.problem().map(p -> "DOWN: " + p).orElse("UP");
    }

    /** Every active endpoint by bean name: the messages it gave up on since its activation. */
    public Map<String, Long> deadLetters() {
        Map<String, Long> counts = new TreeMap<>();
        active.values().forEach(a -> counts.put(a.invoker().bean(), a.invoker().deadLetters()));
        return counts;
    }

    /** Every active endpoint whose source has a lag, by bean name: the lag last read. */
    public Map<String, Long> lag() {
        Map<String, Long> lag = new TreeMap<>();
        active.values().forEach(a -> a.endpoint().lag().ifPresent(n -> lag.put(a.invoker().bean(), n)));
        return lag;
    }

    public int size() {
        return active.size();
    }

    private static void stop(InboundEndpoint endpoint) {
        endpoint.release();
        await(endpoint);
    }

    private static void await(InboundEndpoint endpoint) {
        try {
            if (endpoint.awaitStopped(STOP_WAIT_MILLIS)) {
                LOG.log(Level.INFO, "inbound binding {0} stopped", endpoint.describe());
            } else {
                LOG.log(Level.WARNING, "inbound binding {0} did not stop within {1} ms",
                        new Object[] {endpoint.describe(), STOP_WAIT_MILLIS});
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
