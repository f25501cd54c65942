// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.nats;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one way the adapter connects to NATS: every connection has the same options, built here
 * from {@link NatsSettings}: it reconnects for ever (a broker outage heals by itself), a quarter of
 * a second between tries, logs what the connection reports with a bound ({@link NatsErrorLog}), and
 * authenticates with the settings' token or user credentials. The
 * caller owns the connection and closes it.
 */
public final class NatsClients {
    private NatsClients() {
    }

    /**
     * Connects now, failing when NATS is unreachable: for a caller that tries again on its own (an
     * endpoint's loop, a connector), so that no thread waits out an outage here.
     */
    public static Connection connect(NatsSettings settings, String connectionName) throws IOException, InterruptedException {
        return Nats.connect(options(settings, connectionName));
    }

    /**
     * Returns a connection that keeps trying when the first connect fails, so that a server that
     * starts before NATS still works once NATS is up: for shared clients opened on first use.
     */
    public static Connection connectInBackground(NatsSettings settings, String connectionName)
            throws IOException, InterruptedException {
        return Nats.connectReconnectOnConnect(options(settings, connectionName));
    }

    /** Closes {@code connection} (its subscriptions end with it); null: nothing was opened. */
    public static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static Options options(NatsSettings settings, String connectionName) {
        Options.Builder builder = new Options.Builder()
                .servers(settings.serverList())
                .connectionName(connectionName)
                .connectionTimeout(Duration.ofMillis(settings.timeoutMillis()))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .errorListener(new NatsErrorLog(connectionName, System::nanoTime));
        if (!settings.token().isEmpty()) {
            builder.token(settings.token().toCharArray());
        }
        if (!settings.userJwt().isEmpty()) {
            builder.authHandler(Nats.staticCredentials(settings.userJwt().toCharArray(), settings.userSeed().toCharArray()));
        }
        return builder.build();
    }

    /** A NATS message's headers, the first value of each name; as the input bindings, connectors and pub/sub read them. */
    public static Map<String, String> headers(Message message) {
        if (!message.hasHeaders()) {
            return Map.of(); // immutable: the envelope keeps it without a copy
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : message.getHeaders().keySet()) {
            List<String> values = message.getHeaders().get(name);
            if (values != null && !values.isEmpty()) {
                headers.put(name, values.get(0));
            }
        }
        return headers;
    }

    /** {@code headers} as NATS headers, leaving out names NATS cannot carry. */
    public static Headers headers(Map<String, String> headers) {
        Headers result = new Headers();
        headers.forEach((name, value) -> {
            if (!name.isEmpty() && name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                result.put(name, value);
            }
        });
        return result;
    }
}
