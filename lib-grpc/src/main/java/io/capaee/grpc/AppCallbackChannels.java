// SPDX-License-Identifier: Apache-2.0
package io.capaee.grpc;

import io.dapr.v1.AppCallbackAlphaGrpc;
import io.dapr.v1.AppCallbackGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC connection per app that serves Dapr's {@code AppCallback} service, opened on first use and closed with
 * {@link #close()} (each module that owns one closes it when the application stops). An app is addressed by URL:
 * {@code grpc://host:port} or {@code http://host:port} for plain HTTP/2, {@code grpcs://} or {@code https://} for
 * TLS with the JVM's trust store (as Dapr's {@code --app-protocol grpc} and {@code grpcs}); the path, if any, is not
 * used.
 */
public class AppCallbackChannels implements AutoCloseable {
    private final Map<String, ManagedChannel> channels = new ConcurrentHashMap<>();

    /** Whether {@code app} names a gRPC app by its scheme alone ({@code grpc://}, {@code grpcs://}). */
    public static boolean isGrpc(URI app) {
        String scheme = app.getScheme() == null ? "" : app.getScheme().toLowerCase(Locale.ROOT);
        return scheme.equals("grpc") || scheme.equals("grpcs");
    }

    /**
     * A stub for the app at {@code app}, without a deadline: set one per call.
     *
     * @throws IllegalArgumentException when the URL has no host or no port
     */
    public AppCallbackGrpc.AppCallbackBlockingStub stub(URI app) {
        return AppCallbackGrpc.newBlockingStub(channel(app));
    }

    /** A stub for the app's {@code AppCallbackAlpha} service (job events), as {@link #stub} does. */
    public AppCallbackAlphaGrpc.AppCallbackAlphaBlockingStub alphaStub(URI app) {
        return AppCallbackAlphaGrpc.newBlockingStub(channel(app));
    }

    /**
     * {@code stub} sending {@code headers} as ASCII metadata with each call (the W3C trace context, {@code traceparent}
     * and {@code tracestate}, as Dapr sends them to a gRPC app); {@code stub} itself when there are none.
     */
    public static <S extends AbstractStub<S>> S withHeaders(S stub, Map<String, String> headers) {
        if (headers.isEmpty()) {
            return stub;
        }
        Metadata metadata = new Metadata();
        headers.forEach((name, value) -> metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    private ManagedChannel channel(URI app) {
        String scheme = app.getScheme() == null ? "" : app.getScheme().toLowerCase(Locale.ROOT);
        boolean tls = scheme.equals("grpcs") || scheme.equals("https");
        if (app.getHost() == null || app.getPort() < 0) {
            throw new IllegalArgumentException("a gRPC app's URL needs a host and a port: " + app);
        }
        return channels.computeIfAbsent((tls ? "tls:" : "plain:") + app.getHost() + ":" + app.getPort(), key -> {
            NettyChannelBuilder builder = NettyChannelBuilder.forAddress(app.getHost(), app.getPort());
            return (tls ? builder.useTransportSecurity() : builder.usePlaintext()).build();
        });
    }

    /** Closes every connection, waiting up to 2 s for each one's calls to end. */
    @Override
    public void close() {
        channels.values().forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : channels.values()) {
            try {
                if (!channel.awaitTermination(2, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        channels.clear();
    }
}
