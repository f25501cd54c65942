// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.redis;

import io.capaee.api.inbound.RedisStreamListener;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.InboundActivationSpec;
import io.capaee.connector.inbound.InboundEndpoint;
import io.capaee.connector.redis.RedisSettings;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

/** Feeds a {@link RedisStreamListener} bean from a Redis stream through a consumer group. */
@Activation(messageListeners = RedisStreamListener.class)
public class RedisStreamActivationSpec extends InboundActivationSpec {

    @ConfigProperty(defaultValue = "127.0.0.1", description = "Redis host")
    private String host = "127.0.0.1";

    @ConfigProperty(defaultValue = "6379", description = "Redis TCP port")
    private Integer port = 6379;

    @ConfigProperty(defaultValue = "", confidential = true, description = "Redis password (AUTH); empty for none")
    private String password = "";

    @ConfigProperty(defaultValue = "0", description = "Redis database index")
    private Integer database = 0;

    @ConfigProperty(description = "Stream key")
    private String stream = "";

    @ConfigProperty(description = "Consumer group (created at the stream's start when missing)")
    private String group = "";

    @ConfigProperty(defaultValue = "capa-ee", description = "Consumer name inside the group; unique per server")
    private String consumer = "capa-ee";

    @ConfigProperty(description = "Stream dead letters are added to; empty: the stream key + ':dlq'")
    private String deadLetterStream = "";

    @ConfigProperty(defaultValue = "2000", description = "Connect and socket timeout in milliseconds")
    private Integer timeoutMillis = 2000;

    @Override
    protected void validateSource() {
        settings();
        required("stream", stream);
        required("group", group);
        required("consumer", consumer);
    }

    RedisSettings settings() {
        return new RedisSettings(host, required("port", port), password == null ? "" : password,
                required("database", database), required("timeoutMillis", timeoutMillis), 2);
    }

    @Override
    protected InboundEndpoint createEndpoint(MessageEndpointFactory factory) {
        String dlq = deadLetterStream == null || deadLetterStream.isBlank() ? stream.strip() + ":dlq" : deadLetterStream.strip();
        return new RedisStreamInboundEndpoint(settings(), stream.strip(), group.strip(), consumer.strip(), dlq,
                getTarget(), policy(), new EndpointInvoker(factory));
    }

    @Override
    public String describe() {
        return "redis stream " + stream + " (group " + group + ")";
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Integer getDatabase() {
        return database;
    }

    public void setDatabase(Integer database) {
        this.database = database;
    }

    public String getStream() {
        return stream;
    }

    public void setStream(String stream) {
        this.stream = stream;
    }

    public String getGroup() {
        return group;
    }

    public void setGroup(String group) {
        this.group = group;
    }

    public String getConsumer() {
        return consumer;
    }

    public void setConsumer(String consumer) {
        this.consumer = consumer;
    }

    public String getDeadLetterStream() {
        return deadLetterStream;
    }

    public void setDeadLetterStream(String deadLetterStream) {
        this.deadLetterStream = deadLetterStream;
    }

    public Integer getTimeoutMillis() {
        return timeoutMillis;
    }

    public void setTimeoutMillis(Integer timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }
}
