// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.nats;

import io.capaee.connector.InvalidConfigException;
import io.nats.client.Options;
import java.time.Duration;

/** How to reach NATS; validated. {@code token} may be empty; it is never printed. */
public record NatsSettings(String servers, String token, int timeoutMillis) {
    public NatsSettings {
        if (servers == null || servers.isBlank()) {
            throw new InvalidConfigException("servers", "must name at least one NATS server URL");
        }
        for (String server : servers.split(",")) {
            String s = server.strip();
            if (!(s.startsWith("nats://") || s.startsWith("tls://") || s.startsWith("ws://") || s.startsWith("wss://"))) {
                throw new InvalidConfigException("servers", "'" + s + "' is not a nats://, tls://, ws:// or wss:// URL");
            }
        }
        if (timeoutMillis < 1) {
            throw new InvalidConfigException("timeoutMillis", timeoutMillis + " must be at least 1 ms");
        }
        token = token == null ? "" : token;
    }

    /**
     * jnats options: reconnect for ever (a broker outage heals by itself) and keep trying when the
     * first connect fails, so a server that starts before NATS still works once NATS is up.
     */
    public Options options(String connectionName) {
        Options.Builder builder = new Options.Builder()
                .servers(servers.split("\\s*,\\s*"))
                .connectionName(connectionName)
                .connectionTimeout(Duration.ofMillis(timeoutMillis))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250));
        if (!token.isEmpty()) {
            builder.token(token.toCharArray());
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "NatsSettings[" + servers + ", timeoutMillis=" + timeoutMillis + ", token="
                + (token.isEmpty() ? "none" : "***") + "]";
    }
}
