// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ComponentStep;
import io.capaee.connector.nats.NatsClients;
import io.capaee.connector.nats.NatsSettings;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The connections and header mapping of the NATS sources and sinks. */
final class NatsConnections {
    private NatsConnections() {}

    /** Connects to the step's {@code url}, with its user credentials when it has them (see {@link NatsClients}). */
    static Connection connect(ComponentStep step, String name) throws Exception {
        return NatsClients.connect(NatsSettings.fromUrl("url", step.string("url", "nats://127.0.0.1:4222"),
                step.string("user_jwt", null), step.string("user_nkey_seed", null)), name);
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
