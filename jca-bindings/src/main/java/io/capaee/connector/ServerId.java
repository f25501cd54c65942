// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector;

import jakarta.resource.spi.ResourceAdapter;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This server's name among the servers of a group that share Redis, NATS and the MQTT broker: the same on
 * every start of the server, and different from every other server's. It names what must be one per server
 * in a shared group (a Redis stream consumer, an MQTT session), so that servers that run the same
 * configuration do not take each other's pending messages or sessions. Given ({@code capa.server.id}), or
 * {@code <host name>-<HTTP port>}: servers on one host listen on different ports.
 */
public record ServerId(String value) {

    public ServerId {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException("serverId", "must not be empty");
        }
    }

    /** {@code configured} when set, else this host's name and {@code httpPort}; only letters, digits, '.', '-' and '_'. */
    public static ServerId of(String configured, int httpPort) {
        String id = configured == null || configured.isBlank() ? hostName() + "-" + httpPort : configured.strip();
        return new ServerId(id.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** The id of {@code adapter} (the Capa EE one, when associated), else the default of a server on port 9080. */
    public static ServerId of(ResourceAdapter adapter) {
        return adapter instanceof CapaResourceAdapter capa ? capa.serverId() : of("", CapaResourceAdapter.DEFAULT_HTTP_PORT);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
