// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.pubsub;

import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.ServerId;
import io.capaee.connector.kafka.KafkaSettings;
import io.capaee.connector.mqtt.MqttSettings;
import io.capaee.connector.outbound.ConnectionHandle;
import io.capaee.connector.rabbitmq.RabbitMqClients;
import io.capaee.connector.rabbitmq.RabbitMqSettings;
import io.capaee.connector.nats.NatsProperties;
import io.capaee.connector.nats.NatsSettings;
import io.capaee.connector.redis.RedisClient;
import io.capaee.connector.store.NamespacedStoreManagedConnectionFactory;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;
import java.util.Locale;
import java.util.Set;

/**
 * Pub/sub brokers ({@code eis/capa/pubsub/NAME}): {@code memory} (default), {@code redis}
 * (streams), {@code kafka}, {@code jetstream} (NATS JetStream), {@code mqtt} (MQTT 5) or
 * {@code rabbitmq}. Topics are shared between applications, as in Dapr; {@code streamPrefix} scopes a
 * broker to part of the Redis keyspace, of the Kafka topics, of the NATS subjects, of the MQTT topics
 * or of the RabbitMQ exchanges and queues.
 */
@ConnectionDefinition(
        connectionFactory = PubSubConnectionFactory.class,
        connectionFactoryImpl = PubSubConnectionFactoryImpl.class,
        connection = PubSubConnection.class,
        connectionImpl = PubSubConnectionHandle.class)
public class PubSubManagedConnectionFactory extends NamespacedStoreManagedConnectionFactory<Broker> {
    private static final long serialVersionUID = 1L;

    private static final String KAFKA = "kafka";
    private static final String JETSTREAM = "jetstream";
    private static final String MQTT = "mqtt";
    private static final String RABBITMQ = "rabbitmq";
    private static final String DEFAULT_SUBJECT_PREFIX = "capa.pubsub.";
    private static final String JETSTREAM_ONLY = " (backend jetstream)";

    @ConfigProperty(defaultValue = "", description = "Prefix of every topic's name on the broker: Redis stream key,"
            + " Kafka topic, NATS subject (jetstream: 'capa.pubsub.' when empty), MQTT topic, RabbitMQ exchange and queue;"
            + " empty for none")
    private String streamPrefix = "";

    @ConfigProperty(defaultValue = "5000", description = "A message refused or left unacknowledged this long (ms) is"
            + " delivered again (redis: claimed; kafka: the partition pauses; jetstream: nak delay)")
    private Integer redeliverAfterMillis = 5000;

    @ConfigProperty(defaultValue = KafkaSettings.BOOTSTRAP_SERVERS, description = KafkaSettings.BOOTSTRAP_SERVERS_HELP + " (backend kafka)")
    private String bootstrapServers = KafkaSettings.BOOTSTRAP_SERVERS;

    @ConfigProperty(defaultValue = "0", description = "Kafka producer linger.ms (backend kafka)")
    private Integer lingerMillis = 0;

    /** servers and token of the jetstream backend (its timeout is the factory's timeoutMillis). */
    private final NatsProperties nats = new NatsProperties();

    @ConfigProperty(defaultValue = MqttSettings.URL, description = MqttSettings.URL_HELP + " (backend mqtt)")
    private String mqttUrl = MqttSettings.URL;

    @ConfigProperty(defaultValue = "", description = MqttSettings.USERNAME_HELP + " (backend mqtt)")
    private String mqttUsername = "";

    @ConfigProperty(defaultValue = "", confidential = true, description = MqttSettings.PASSWORD_HELP + " (backend mqtt)")
    private String mqttPassword = "";

    @ConfigProperty(defaultValue = "", description = "Start of the client ids of the subscriptions' durable sessions;"
            + " empty: capa-ee-<server id>, one per server (backend mqtt)")
    private String clientIdPrefix = "";

    @ConfigProperty(defaultValue = RabbitMqSettings.URL, description = RabbitMqSettings.URL_HELP + " (backend rabbitmq)")
    private String rabbitMqUrl = RabbitMqSettings.URL;

    @ConfigProperty(defaultValue = "", description = RabbitMqSettings.USERNAME_HELP + " (backend rabbitmq)")
    private String rabbitMqUsername = "";

    @ConfigProperty(defaultValue = "", confidential = true, description = RabbitMqSettings.PASSWORD_HELP + " (backend rabbitmq)")
    private String rabbitMqPassword = "";

    @ConfigProperty(defaultValue = "100", description = "Most messages a subscription holds unacknowledged (backend rabbitmq)")
    private Integer prefetch = 100;

    @ConfigProperty(defaultValue = "86400", description = "How long the JetStream stream it creates keeps messages, in seconds (backend jetstream)")
    private Integer maxAgeSeconds = 86400;

    @ConfigProperty(defaultValue = "60000", description = "JetStream ack wait (ms): a message neither acked nor nak'ed"
            + " this long is delivered again (backend jetstream)")
    private Integer ackWaitMillis = 60000;

    @ConfigProperty(defaultValue = "newest", description = "Where a new consumer group starts: newest (messages published"
            + " from its subscription on) or oldest (everything the broker still holds) (backends kafka, jetstream)")
    private String initialOffset = "newest";

    @ConfigProperty(defaultValue = "10000", description = "Most messages the memory broker holds queued (once per"
            + " consumer group) and being handled; a publish beyond is refused (backend memory)")
    private Long maxMessages = 10_000L;

    @ConfigProperty(defaultValue = "67108864", description = "Most bytes of queued messages in the memory broker (backend memory)")
    private Long maxBytes = 67_108_864L;

    @Override
    protected void validateStore() {
        super.validateStore();
        atLeastOne("maxMessages", maxMessages, "capa.pubsub.memory.max-messages");
        atLeastOne("maxBytes", maxBytes, "capa.pubsub.memory.max-bytes");
    }

    public Long getMaxMessages() {
        return maxMessages;
    }

    public void setMaxMessages(Long maxMessages) {
        this.maxMessages = maxMessages;
    }

    public Long getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(Long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected ConnectionHandle newHandle() {
        return new PubSubConnectionHandle(() -> adapter().subscriptions());
    }

    @Override
    protected Broker memoryBackend() {
        return new MemoryBroker(maxMessages, maxBytes); // checked by validateStore()
    }

    @Override
    protected Broker redisBackend(RedisClient redis) {
        return new RedisStreamsBroker(redis, streamPrefix, redeliverAfterMillis == null ? 5000 : redeliverAfterMillis);
    }

    @Override
    protected Set<String> otherBackends() {
        return Set.of(KAFKA, JETSTREAM, MQTT, RABBITMQ);
    }

    @Override
    protected void validateOther(String kind) {
        switch (kind) {
            case KAFKA -> kafkaSettings();
            case MQTT -> mqttSettings();
            case RABBITMQ -> rabbitMqSettings();
            default -> jetStreamSettings();
        }
    }

    @Override
    protected Broker otherBackend(String kind) {
        return switch (kind) {
            case KAFKA -> new KafkaPubSubBroker(kafkaSettings());
            case MQTT -> new MqttPubSubBroker(mqttSettings());
            case RABBITMQ -> new RabbitMqPubSubBroker(rabbitMqSettings());
            default -> new JetStreamPubSubBroker(jetStreamSettings());
        };
    }

    @Override
    protected String describeOther(String kind) {
        return switch (kind) {
            case KAFKA -> "kafka " + bootstrapServers;
            case MQTT -> "mqtt " + mqttUrl;
            case RABBITMQ -> "rabbitmq " + rabbitMqUrl;
            default -> "jetstream " + nats.getServers();
        };
    }

    MqttPubSubSettings mqttSettings() {
        MqttSettings.checkUrl("mqttUrl", mqttUrl);
        MqttSettings mqtt = new MqttSettings(mqttUrl, mqttUsername, mqttPassword, atLeast("timeoutMillis", getTimeoutMillis(), 1));
        String prefix = streamPrefix == null ? "" : streamPrefix.strip();
        if (prefix.contains("+") || prefix.contains("#") || prefix.startsWith("$")) {
            throw new InvalidConfigException("streamPrefix", "'" + prefix + "' is not an MQTT topic prefix: no '+' or '#',"
                    + " not starting with '$' (backend mqtt)");
        }
        String clients = clientIdPrefix == null || clientIdPrefix.isBlank() ? "capa-ee-" + ServerId.of(getResourceAdapter()) : clientIdPrefix.strip();
        return new MqttPubSubSettings(mqtt, prefix, clients, atLeast("redeliverAfterMillis", redeliverAfterMillis, 0));
    }

    RabbitMqPubSubSettings rabbitMqSettings() {
        RabbitMqSettings.checkUrl("rabbitMqUrl", rabbitMqUrl);
        RabbitMqSettings rabbitMq = new RabbitMqSettings(rabbitMqUrl, rabbitMqUsername, rabbitMqPassword,
                atLeast("timeoutMillis", getTimeoutMillis(), 1));
        String prefix = streamPrefix == null ? "" : streamPrefix.strip();
        if (!RabbitMqClients.isName(prefix) || prefix.startsWith("amq.")) {
            throw new InvalidConfigException("streamPrefix", "'" + prefix + "' is not a RabbitMQ name prefix: at most 255"
                    + " bytes, not starting with 'amq.' (backend rabbitmq)");
        }
        int most = atLeast("prefetch", prefetch, 1);
        if (most > 65_535) {
            throw new InvalidConfigException("prefetch", most + " is more than 65535, AMQP's limit (backend rabbitmq)");
        }
        return new RabbitMqPubSubSettings(rabbitMq, prefix, most, atLeast("redeliverAfterMillis", redeliverAfterMillis, 0));
    }

    KafkaPubSubSettings kafkaSettings() {
        KafkaSettings kafka = new KafkaSettings(bootstrapServers);
        String prefix = streamPrefix == null ? "" : streamPrefix.strip();
        if (!prefix.matches("[A-Za-z0-9._-]*")) {
            throw new InvalidConfigException("streamPrefix", "'" + prefix + "' may hold only letters, digits, '.', '_' and '-' (backend kafka)");
        }
        return new KafkaPubSubSettings(kafka, prefix, oldest(), atLeast("timeoutMillis", getTimeoutMillis(), 1),
                atLeast("lingerMillis", lingerMillis, 0), atLeast("redeliverAfterMillis", redeliverAfterMillis, 0));
    }

    JetStreamPubSubSettings jetStreamSettings() {
        String prefix = streamPrefix == null || streamPrefix.isBlank() ? DEFAULT_SUBJECT_PREFIX : streamPrefix.strip();
        if (!prefix.endsWith(".")) {
            prefix = prefix + ".";
        }
        if (!prefix.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*\\.")) {
            throw new InvalidConfigException("streamPrefix", "'" + streamPrefix + "' is not a NATS subject prefix such as"
                    + " 'capa.pubsub.' (backend jetstream)");
        }
        // one stream per prefix: CAPA_PUBSUB for capa.pubsub.
        String stream = prefix.substring(0, prefix.length() - 1).replaceAll("[^A-Za-z0-9_-]", "_").toUpperCase(Locale.ROOT);
        int ackWait = atLeast("ackWaitMillis", ackWaitMillis, 1000);
        return new JetStreamPubSubSettings(new NatsSettings(nats.getServers(), nats.getToken(), atLeast("timeoutMillis", getTimeoutMillis(), 1)),
                prefix, stream, atLeast("maxAgeSeconds", maxAgeSeconds, 1), oldest(), ackWait,
                atLeast("redeliverAfterMillis", redeliverAfterMillis, 0));
    }

    private boolean oldest() {
        String v = initialOffset == null ? "newest" : initialOffset.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "newest" -> false;
            case "oldest" -> true;
            default -> throw new InvalidConfigException("initialOffset", "'" + initialOffset + "' is not newest or oldest");
        };
    }

    private static int atLeast(String property, Integer value, int least) {
        if (value == null || value < least) {
            throw new InvalidConfigException(property, value + " must be at least " + least);
        }
        return value;
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

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public Integer getLingerMillis() {
        return lingerMillis;
    }

    public void setLingerMillis(Integer lingerMillis) {
        this.lingerMillis = lingerMillis;
    }

    public String getServers() {
        return nats.getServers();
    }

    @ConfigProperty(defaultValue = NatsProperties.SERVERS, description = NatsProperties.SERVERS_HELP + JETSTREAM_ONLY)
    public void setServers(String servers) {
        nats.setServers(servers);
    }

    public String getToken() {
        return nats.getToken();
    }

    @ConfigProperty(defaultValue = "", confidential = true, description = NatsProperties.TOKEN_HELP + JETSTREAM_ONLY)
    public void setToken(String token) {
        nats.setToken(token);
    }

    public String getMqttUrl() {
        return mqttUrl;
    }

    public void setMqttUrl(String mqttUrl) {
        this.mqttUrl = mqttUrl;
    }

    public String getMqttUsername() {
        return mqttUsername;
    }

    public void setMqttUsername(String mqttUsername) {
        this.mqttUsername = mqttUsername;
    }

    public String getMqttPassword() {
        return mqttPassword;
    }

    public void setMqttPassword(String mqttPassword) {
        this.mqttPassword = mqttPassword;
    }

    public String getRabbitMqUrl() {
        return rabbitMqUrl;
    }

    public void setRabbitMqUrl(String rabbitMqUrl) {
        this.rabbitMqUrl = rabbitMqUrl;
    }

    public String getRabbitMqUsername() {
        return rabbitMqUsername;
    }

    public void setRabbitMqUsername(String rabbitMqUsername) {
        this.rabbitMqUsername = rabbitMqUsername;
    }

    public String getRabbitMqPassword() {
        return rabbitMqPassword;
    }

    public void setRabbitMqPassword(String rabbitMqPassword) {
        this.rabbitMqPassword = rabbitMqPassword;
    }

    public Integer getPrefetch() {
        return prefetch;
    }

    public void setPrefetch(Integer prefetch) {
        this.prefetch = prefetch;
    }

    public String getClientIdPrefix() {
        return clientIdPrefix;
    }

    public void setClientIdPrefix(String clientIdPrefix) {
        this.clientIdPrefix = clientIdPrefix;
    }

    public Integer getMaxAgeSeconds() {
        return maxAgeSeconds;
    }

    public void setMaxAgeSeconds(Integer maxAgeSeconds) {
        this.maxAgeSeconds = maxAgeSeconds;
    }

    public Integer getAckWaitMillis() {
        return ackWaitMillis;
    }

    public void setAckWaitMillis(Integer ackWaitMillis) {
        this.ackWaitMillis = ackWaitMillis;
    }

    public String getInitialOffset() {
        return initialOffset;
    }

    public void setInitialOffset(String initialOffset) {
        this.initialOffset = initialOffset;
    }
}
