// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** NATS connections and header mapping of the NATS sources and sinks. */
final class NatsConnections {
    private NatsConnections() {}

    /** Connects to the step's {@code url}; reconnects for ever, so an outage heals by itself. */
    static Connection connect(ComponentStep step, String name) throws Exception {
        Options.Builder builder = new Options.Builder()
                .servers(step.string("url", "nats://127.0.0.1:4222").split("\\s*,\\s*"))
                .connectionName(name)
                .connectionTimeout(Duration.ofSeconds(5))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250));
        String jwt = step.string("user_jwt", null);
        String seed = step.string("user_nkey_seed", null);
        if (jwt != null && seed != null) {
            builder.authHandler(Nats.staticCredentials(jwt.toCharArray(), seed.toCharArray()));
        }
        return Nats.connect(builder.build());
    }

    static Map<String, String> headers(Message message) {
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

    static Headers headers(Map<String, String> headers) {
        Headers result = new Headers();
        headers.forEach((name, value) -> {
            if (!name.isEmpty() && name.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                result.put(name, value);
            }
        });
        return result;
    }
}
