// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.connector.outbound.ConnectionHandle;
import io.capaee.connector.store.RedisClient;
import io.capaee.connector.store.StoreManagedConnectionFactory;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import jakarta.resource.spi.ConnectionManager;

/**
 * Pub/sub brokers ({@code eis/capa/pubsub/NAME}): {@code memory} (default) or {@code redis}
 * (streams). Topics are shared between applications, as in Dapr; {@code streamPrefix} scopes a
 * broker to part of the Redis keyspace.
 */
@ConnectionDefinition(
        connectionFactory = PubSubConnectionFactory.class,
        connectionFactoryImpl = PubSubConnectionFactoryImpl.class,
        connection = PubSubConnection.class,
        connectionImpl = PubSubConnectionHandle.class)
public class PubSubManagedConnectionFactory extends StoreManagedConnectionFactory<Broker> {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "", description = "Prefix of every topic's Redis stream key; empty for none (backend redis)")
    private String streamPrefix = "";

    @ConfigProperty(defaultValue = "5000", description = "A message left unacknowledged this long (ms) is delivered again (backend redis)")
    private Integer redeliverAfterMillis = 5000;

    @Override
    protected Object newConnectionFactory(ConnectionManager manager) {
        return new PubSubConnectionFactoryImpl(this, manager);
    }

    @Override
    protected ConnectionHandle newHandle(String namespace) {
        return new PubSubConnectionHandle();
    }

    @Override
    protected Class<? extends ConnectionHandle> handleType() {
        return PubSubConnectionHandle.class;
    }

    @Override
    protected Broker memoryBackend() {
        return new MemoryBroker();
    }

    @Override
    protected Broker redisBackend(RedisClient redis) {
        return new RedisStreamsBroker(redis, streamPrefix, redeliverAfterMillis == null ? 5000 : redeliverAfterMillis);
    }

    public String getStreamPrefix() {
        return streamPrefix;
    }

    public void setStreamPrefix(String streamPrefix) {
        this.streamPrefix = streamPrefix;
    }

    public Integer getRedeliverAfterMillis() {
        return redeliverAfterMillis;
    }

    public void setRedeliverAfterMillis(Integer redeliverAfterMillis) {
        this.redeliverAfterMillis = redeliverAfterMillis;
    }
}
