// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

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

/**
 * The activated endpoints of the adapter, keyed by (factory, spec): started on activation in turns
 * on the container's work manager ({@link WorkPacer}), stopped (released, then awaited) on deactivation or when
 * the adapter stops.
 */
public final class InboundEndpoints {
    private static final Logger LOG = Logger.getLogger(InboundEndpoints.class.getName());
    private static final long STOP_WAIT_MILLIS = 15_000;

    private record Key(MessageEndpointFactory factory, ActivationSpec spec) {}

    private final Map<Key, InboundEndpoint> active = new ConcurrentHashMap<>();

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
        InboundEndpoint endpoint;
        try {
            endpoint = inbound.createEndpoint(factory);
        } catch (BindingException e) {
            throw new ResourceException("cannot activate " + inbound.describe() + ": " + e.getMessage(), e);
        }
        Key key = new Key(factory, spec);
        if (active.putIfAbsent(key, endpoint) != null) {
            throw new ResourceException(inbound.describe() + " is already active for " + factory.getActivationName());
        }
        try {
            endpoint.start(pacer);
        } catch (WorkException e) {
            active.remove(key);
            throw new ResourceException("the work manager refused " + endpoint.describe() + ": " + e.getMessage(), e);
        }
        LOG.log(Level.INFO, "inbound binding {0} activated for {1}",
                new Object[] {endpoint.describe(), factory.getActivationName()});
    }

    public void deactivate(MessageEndpointFactory factory, ActivationSpec spec) {
        InboundEndpoint endpoint = active.remove(new Key(factory, spec));
        if (endpoint != null) {
            stop(endpoint);
        }
    }

    public void stopAll() {
        List<InboundEndpoint> endpoints = new ArrayList<>(active.values());
        active.clear();
        endpoints.forEach(InboundEndpoint::release);
        endpoints.forEach(InboundEndpoints::await);
    }

    /**
     * Every active endpoint by bean name (the last part of the activation name):
     * {@code UP (<source>)} or {@code DOWN: <why> (<source>)}.
     */
    public Map<String, String> states() {
        Map<String, String> states = new TreeMap<>();
        active.forEach((key, endpoint) -> states.put(bean(key.factory()),
                endpoint.problem().map(p -> "DOWN: " + p).orElse("UP") + " (" + endpoint.describe() + ")"));
        return states;
    }

    /** Liberty names an activation {@code app#module#bean}. */
    private static String bean(MessageEndpointFactory factory) {
        String name = factory.getActivationName();
        if (name == null) {
            return "?";
        }
        int hash = name.lastIndexOf('#');
        return hash < 0 ? name : name.substring(hash + 1);
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
