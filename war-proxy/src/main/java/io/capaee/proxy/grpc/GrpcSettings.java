// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import java.net.InetSocketAddress;

/**
 * Where the gRPC API listens and what it takes: {@code capa.grpc.enabled}, {@code capa.grpc.host} ({@code *}:
 * every interface, as {@code http.host}), {@code capa.grpc.port} (50001, Dapr's), and the largest message, the
 * HTTP API's body limit {@code capa.dapr.max-body-bytes}. A bad value is refused naming its key.
 */
record GrpcSettings(boolean enabled, String host, int port, long maxMessageBytes) {
    GrpcSettings {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("capa.grpc.host must be a host name, an address or *, got '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("capa.grpc.port must be a port from 1 to 65535, got " + port);
        }
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("capa.dapr.max-body-bytes must be above 0, got " + maxMessageBytes);
        }
    }

    InetSocketAddress address() {
        return host.equals("*") ? new InetSocketAddress(port) : new InetSocketAddress(host.strip(), port);
    }

    /** grpc-java counts in an int: a larger limit is as good as none. */
    int maxInboundMessageSize() {
        return (int) Math.min(Integer.MAX_VALUE, maxMessageBytes);
    }
}
