// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.ServerId;

/**
 * Opens the source or sink a validated step names (the names of {@code ConnectRuntime.SOURCES} and {@code SINKS}),
 * on this server ({@code server}: a source's default names of what must be one per server in a group).
 */
final class Components implements ComponentFactory {
    private final ServerId server;

    Components(ServerId server) {
        this.server = server;
    }

    @Override
    public ConnectorSource source(ComponentStep step, String connectorId) throws Exception {
        return switch (step.type()) {
            case "nats" -> new NatsCoreSource(step, connectorId);
            case "nats_jetstream" -> JetStreamSource.stream(step, connectorId);
            case "nats_kv" -> JetStreamSource.kv(step, connectorId);
            case "kafka" -> new KafkaSource(step, connectorId);
            case "redis_streams" -> new RedisStreamSource(step, connectorId, server);
            case "mqtt" -> new MqttSource(step, connectorId, server);
            case "rabbitmq" -> new RabbitMqSource(step, connectorId);
            case "http" -> new HttpPollingSource(step);
            default -> throw new IllegalArgumentException("no source " + step.type());
        };
    }

    @Override
    public ConnectorSink sink(ComponentStep step, String connectorId) throws Exception {
        return switch (step.type()) {
            case "nats" -> new NatsSink(step, connectorId, NatsSink.Mode.CORE);
            case "nats_jetstream" -> new NatsSink(step, connectorId, NatsSink.Mode.STREAM);
            case "nats_kv" -> new NatsSink(step, connectorId, NatsSink.Mode.KV);
            case "kafka" -> new KafkaSink(step, connectorId);
            case "redis_streams" -> new RedisStreamSink(step);
            case "mqtt" -> new MqttSink(step, connectorId);
            case "rabbitmq" -> new RabbitMqSink(step, connectorId);
            case "http" -> new HttpSink(step);
            default -> throw new IllegalArgumentException("no sink " + step.type());
        };
    }
}
