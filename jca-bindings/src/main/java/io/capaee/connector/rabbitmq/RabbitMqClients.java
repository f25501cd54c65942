// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Creates the adapter's RabbitMQ connections (AMQP 0-9-1). Two kinds: a <em>recovering</em> one for
 * publishers (the client reconnects by itself after a network failure) and a <em>plain</em> one for
 * consumers, whose owner reopens it: closing a consumer's connection is what hands the messages it
 * had not acknowledged back to their queue, in order, and a fresh connection starts from them again.
 */
public final class RabbitMqClients {
    private static final Logger LOG = Logger.getLogger(RabbitMqClients.class.getName());
    /** Heartbeat asked of the broker, in seconds: a silent broker is noticed within about twice this. */
    private static final int HEARTBEAT_SECONDS = 10;
    /** Longest queue, exchange or routing key name RabbitMQ takes (bytes of UTF-8). */
    private static final int MAX_NAME_BYTES = 255;

    private RabbitMqClients() {
    }

    /**
     * A connection named {@code name} (shown in RabbitMQ's management UI), to the first broker of
     * {@code settings} that answers.
     *
     * @param recover true: the client reconnects by itself (publishers); false: the owner reopens
     */
    public static Connection connect(RabbitMqSettings settings, String name, boolean recover) throws IOException, TimeoutException {
        List<RabbitMqSettings.Broker> brokers = settings.brokers();
        RabbitMqSettings.Broker first = brokers.get(0);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setVirtualHost(first.virtualHost());
        if (!settings.username().isEmpty()) {
            factory.setUsername(settings.username());
        }
        if (!settings.password().isEmpty()) {
            factory.setPassword(settings.password());
        }
        if (first.tls()) {
            // not the client's useSslProtocol(), which trusts every certificate: the JVM's trust store, host names checked
            try {
                factory.useSslProtocol(javax.net.ssl.SSLContext.getDefault());
            } catch (NoSuchAlgorithmException e) {
                throw new IOException("no TLS context for " + settings.url(), e);
            }
            factory.enableHostnameVerification();
        }
        factory.setConnectionTimeout(settings.timeoutMillis());
        factory.setHandshakeTimeout(settings.timeoutMillis());
        factory.setShutdownTimeout(settings.timeoutMillis());
        factory.setRequestedHeartbeat(HEARTBEAT_SECONDS);
        factory.setAutomaticRecoveryEnabled(recover);
        // what a connection declared is declared again by its owner when needed, not replayed by the client
        factory.setTopologyRecoveryEnabled(false);
        List<Address> addresses = brokers.stream().map(b -> new Address(b.host(), b.port())).toList();
        return factory.newConnection(addresses, name);
    }

    /** A queue, exchange or routing-key name RabbitMQ takes: at most 255 bytes of UTF-8, no NUL. */
    public static boolean isName(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_NAME_BYTES && name.indexOf('\0') < 0;
    }

    /**
     * The properties of a message: {@code headers} as AMQP headers, persistent (delivery mode 2) when
     * asked, and the content type when not empty.
     */
    public static AMQP.BasicProperties properties(Map<String, String> headers, String contentType, boolean persistent) {
        return new AMQP.BasicProperties.Builder()
                .headers(headers.isEmpty() ? null : new HashMap<>(headers))
                .contentType(contentType == null || contentType.isEmpty() ? null : contentType)
                .deliveryMode(persistent ? 2 : 1)
                .timestamp(new Date())
                .build();
    }

    /** A message's AMQP headers as text (the first value of each name; binary values as UTF-8). */
    public static Map<String, String> headers(AMQP.BasicProperties properties) {
        Map<String, String> headers = new HashMap<>();
        if (properties != null && properties.getHeaders() != null) {
            properties.getHeaders().forEach((name, value) -> {
                if (value != null) {
                    headers.put(name, value instanceof byte[] bytes
                            ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : value.toString());
                }
            });
        }
        return headers;
    }

    /** Closes the connection, waiting briefly for the broker; never throws. */
    public static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close(1000);
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing RabbitMQ connection " + connection.getClientProvidedName() + " failed", e);
        }
    }
}
