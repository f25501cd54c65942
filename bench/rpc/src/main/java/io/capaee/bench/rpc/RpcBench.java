// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.rpc;

import com.sun.net.httpserver.HttpServer;
import io.capaee.api.rpc.HttpRpcTransport;
import io.capaee.api.rpc.RpcServer;
import io.capaee.api.rpc.codec.CaraCodec;
import io.capaee.api.rpc.nats.NatsRpc;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.InterfaceSchema;
import io.capaee.connector.rpc.NatsMessageBus;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Round trips of {@code Orders.echo(order)}: our RPC over HTTP (JDK HTTP server in this JVM, the
 * same RpcServer the gateway uses) and over the real NATS on 127.0.0.1:4222 (through the resource
 * adapter's jnats MessageBus, as on the server), each against a raw
 * echo of the same bytes on the same transport (no schema, no codec, no dispatch).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// without TCP_NODELAY the JDK HTTP server's small answers wait for delayed ACKs (about 40 ms each)
@Fork(jvmArgsAppend = "-Dsun.net.httpserver.nodelay=true")
public class RpcBench {
    HttpServer http;
    ExecutorService executor;
    HttpRpcTransport httpRpc;
    HttpClient rawHttp;
    URI rawUri;
    Connection serverNats;
    Connection clientNats;
    NatsMessageBus serverBus;
    NatsMessageBus clientBus;
    NatsRpc natsServer;
    NatsRpc natsClient;
    String rawSubject;
    InterfaceSchema.MethodRef echo;
    DynamicStruct params;
    byte[] paramBytes;

    @Setup
    public void setup() throws Exception {
        InterfaceSchema orders = Codecs.SCHEMA.iface("Orders");
        echo = orders.method("echo").orElseThrow();
        RpcServer server = new RpcServer();
        server.register("orders", orders, (ref, p) -> ref.method().results().newValue().set(0, p.get(0)));
        params = echo.method().params().newValue().set(0, Codecs.toDynamic(Order.sample()));
        paramBytes = CaraCodec.lenient().encode(params);

        executor = Executors.newFixedThreadPool(4);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        http.setExecutor(executor);
        http.createContext(HttpRpcTransport.PATH, x -> {
            byte[] body;
            try (InputStream in = x.getRequestBody()) {
                body = in.readAllBytes();
            }
            String[] parts = x.getRequestURI().getPath().substring(HttpRpcTransport.PATH.length()).split("/");
            byte[] out = server.invoke(parts[0], parts[1], body, CaraCodec.lenient());
            x.getResponseHeaders().add("Content-Type", HttpRpcTransport.MEDIA_TYPE);
            x.sendResponseHeaders(200, out.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(out);
            }
        });
        http.createContext("/raw", x -> {
            byte[] body;
            try (InputStream in = x.getRequestBody()) {
                body = in.readAllBytes();
            }
            x.sendResponseHeaders(200, body.length);
            try (OutputStream o = x.getResponseBody()) {
                o.write(body);
            }
        });
        http.start();
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        rawHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        httpRpc = new HttpRpcTransport(URI.create(base), rawHttp, Duration.ofSeconds(10), CaraCodec.lenient());
        rawUri = URI.create(base + "/raw");

        String prefix = "capa.rpc.bench." + UUID.randomUUID().toString().substring(0, 8);
        serverNats = Nats.connect("nats://127.0.0.1:4222");
        clientNats = Nats.connect("nats://127.0.0.1:4222");
        NatsRpc.Settings settings = NatsRpc.Settings.defaults().withPrefix(prefix);
        serverBus = new NatsMessageBus(Nats.connect("nats://127.0.0.1:4222"));
        clientBus = new NatsMessageBus(Nats.connect("nats://127.0.0.1:4222"));
        natsServer = new NatsRpc(serverBus, settings, executor);
        natsServer.serve(server, "orders");
        natsClient = new NatsRpc(clientBus, settings, executor);
        serverBus.flush(Duration.ofSeconds(2));
        rawSubject = prefix + ".raw";
        Dispatcher d = serverNats.createDispatcher(m -> serverNats.publish(m.getReplyTo(), m.getData()));
        d.subscribe(rawSubject);
        serverNats.flush(Duration.ofSeconds(2));
    }

    @TearDown
    public void tearDown() throws Exception {
        natsClient.close();
        natsServer.close();
        clientBus.close();
        serverBus.close();
        clientNats.close();
        serverNats.close();
        http.stop(0);
        executor.shutdownNow();
    }

    @Benchmark
    public DynamicStruct httpRpc() {
        return httpRpc.call("orders", echo, params);
    }

    @Benchmark
    public byte[] httpRaw() throws Exception {
        return rawHttp.send(HttpRequest.newBuilder(rawUri).POST(HttpRequest.BodyPublishers.ofByteArray(paramBytes)).build(),
                HttpResponse.BodyHandlers.ofByteArray()).body();
    }

    @Benchmark
    public DynamicStruct natsRpc() {
        return natsClient.call("orders", echo, params);
    }

    @Benchmark
    public byte[] natsRaw() throws Exception {
        return clientNats.request(rawSubject, paramBytes, Duration.ofSeconds(10)).getData();
    }
}
