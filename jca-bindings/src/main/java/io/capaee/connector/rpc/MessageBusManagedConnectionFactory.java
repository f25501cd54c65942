// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rpc;

import io.capaee.api.rpc.MessageBus;
import io.capaee.api.rpc.MessageBusFactory;
import io.capaee.connector.BindingException;
import io.capaee.connector.binding.nats.NatsSettings;
import io.capaee.connector.outbound.ManagedConnectionFactoryBase;
import io.capaee.connector.outbound.UnmanagedConnectionManager;
import io.nats.client.Nats;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import java.io.IOException;
import javax.security.auth.Subject;

/**
 * The NATS connection of schema-first RPC ({@code properties.capa-ee.jca-bindings.MessageBusFactory}
 * in server.xml): every managed connection of one factory shares one jnats connection, opened on
 * first use with the bindings' {@link NatsSettings} (reconnects for ever, and keeps trying when
 * NATS is not up yet) and closed when the resource adapter stops.
 */
@ConnectionDefinition(
        connectionFactory = MessageBusFactory.class,
        connectionFactoryImpl = MessageBusConnectionFactory.class,
        connection = MessageBus.class,
        connectionImpl = MessageBusHandle.class)
public class MessageBusManagedConnectionFactory extends ManagedConnectionFactoryBase {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "nats://127.0.0.1:4222", description = "NATS server URLs, comma separated")
    private String servers = "nats://127.0.0.1:4222";

    @ConfigProperty(defaultValue = "5000", description = "Connect timeout in milliseconds")
    private Integer timeoutMillis = 5000;

    @ConfigProperty(defaultValue = "", confidential = true, description = "NATS authentication token; empty for none")
    private String token = "";

    private transient NatsMessageBus bus; // guarded by this; opened on first use

    private NatsSettings settings() {
        return new NatsSettings(servers, token, timeoutMillis == null ? 0 : timeoutMillis);
    }

    @Override
    public Object createConnectionFactory(ConnectionManager manager) throws ResourceException {
        try {
            settings();
        } catch (BindingException e) {
            throw toResourceException(e);
        }
        return new MessageBusConnectionFactory(this, manager);
    }

    @Override
    public Object createConnectionFactory() throws ResourceException {
        return createConnectionFactory(new UnmanagedConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        try {
            return new MessageBusManagedConnection(this, bus());
        } catch (BindingException e) {
            throw toResourceException(e);
        }
    }

    /** The shared bus, connected on first use and again after the adapter closed it. */
    synchronized NatsMessageBus bus() throws ResourceException {
        if (bus == null || bus.status().equals("CLOSED")) {
            NatsSettings s = settings();
            try {
                bus = adapter().own(new NatsMessageBus(Nats.connectReconnectOnConnect(s.options("capa-ee-rpc"))));
            } catch (IOException e) {
                throw new ResourceException("cannot connect to NATS " + s.servers() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ResourceException("interrupted connecting to NATS " + s.servers(), e);
            }
        }
        return bus;
    }

    @Override
    public String describe() {
        return "nats " + servers;
    }

    public String getServers() {
        return servers;
    }

    public void setServers(String servers) {
        this.servers = servers;
    }

    public Integer getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(Integer timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    public String getToken() {
        return token;
    }

    public void setToken(String token) {
        this.token = token;
    }
}
