// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.dapr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.sun.net.httpserver.HttpServer;
import io.dapr.v1.CommonProtos;
import io.dapr.v1.DaprGrpc;
import io.dapr.v1.DaprProtos;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * {@code InvokeService} over gRPC as the Go, Python and .NET SDKs call it (the Java SDK 1.16 invokes over HTTP), with
 * the generated stub that ships in the SDK 1.16: an HTTP app registered in the app registry answers with what it saw.
 * Also a call the server does not implement. Like {@link DaprGrpcSdkIT}, it runs in failsafe's execution
 * {@code dapr-grpc-sdk} only.
 */
class DaprGrpcSdkInvokeIT {
    private static final String APP = "grpc-echo-" + UUID.randomUUID().toString().substring(0, 6);
    private static final String REGISTRY = "capa:it:" + System.getProperty("http.port") + ":invoke:apps";
    private static HttpServer app;
    private static ManagedChannel channel;
    private static DaprGrpc.DaprBlockingStub dapr;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(System.getProperty("dapr.grpc.port") != null, "runs in the failsafe execution dapr-grpc-sdk only");
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", x -> {
            byte[] body;
            try (InputStream in = x.getRequestBody()) {
                body = in.readAllBytes();
            }
            String seen = x.getRequestMethod() + " " + x.getRequestURI().getRawPath()
                    + (x.getRequestURI().getRawQuery() == null ? "" : "?" + x.getRequestURI().getRawQuery())
                    + " " + x.getRequestHeaders().getFirst("Content-Type") + " " + new String(body, StandardCharsets.UTF_8);
            int status = x.getRequestURI().getPath().endsWith("/teapot") ? 418 : 200;
            byte[] answer = (status == 418 ? "short and stout" : seen).getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "text/plain");
            x.sendResponseHeaders(status, answer.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(answer);
            }
        });
        app.start();
        try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
            redis.set(REGISTRY + ":" + APP, "{\"url\":\"http://127.0.0.1:" + app.getAddress().getPort() + "/base\",\"heartbeat\":"
                    + System.currentTimeMillis() + "}");
        }
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", Integer.getInteger("dapr.grpc.port")).usePlaintext().build();
        dapr = DaprGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            app.stop(0);
            try (JedisPooled redis = new JedisPooled("127.0.0.1", 6379)) {
                redis.del(REGISTRY + ":" + APP);
            }
        }
    }

    private static CommonProtos.InvokeResponse invoke(String method, CommonProtos.HTTPExtension.Verb verb, String query, String data) {
        CommonProtos.InvokeRequest.Builder message = CommonProtos.InvokeRequest.newBuilder().setMethod(method)
                .setData(Any.newBuilder().setValue(ByteString.copyFromUtf8(data))).setContentType("application/json");
        if (verb != null) {
            message.setHttpExtension(CommonProtos.HTTPExtension.newBuilder().setVerb(verb).setQuerystring(query));
        }
        return dapr.withDeadlineAfter(20, TimeUnit.SECONDS).invokeService(
                DaprProtos.InvokeServiceRequest.newBuilder().setId(APP).setMessage(message).build());
    }

    @Test
    void theAppSeesTheVerbPathQueryContentTypeAndBody() {
        CommonProtos.InvokeResponse put = invoke("orders/42", CommonProtos.HTTPExtension.Verb.PUT, "sort=desc&x=a%20b", "{\"n\":1}");
        assertEquals("PUT /base/orders/42?sort=desc&x=a%20b application/json {\"n\":1}", put.getData().getValue().toStringUtf8());
        assertEquals("text/plain", put.getContentType());
        // no HTTP extension: POST, as Dapr
        assertTrue(invoke("ping", null, "", "1").getData().getValue().toStringUtf8().startsWith("POST /base/ping "));
    }

    @Test
    void anAppsErrorStatusIsAGrpcErrorWithTheHttpStatusInTheTrailers() {
        var e = assertThrows(StatusRuntimeException.class, () -> invoke("teapot", CommonProtos.HTTPExtension.Verb.GET, "", ""));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode(), e.getMessage());
        assertEquals("short and stout", e.getStatus().getDescription());
        assertEquals("418", e.getTrailers().get(Metadata.Key.of("dapr-http-status", Metadata.ASCII_STRING_MARSHALLER)));
    }

    @Test
    void anUnknownAppOrAnUnsafePathIsRefusedNamingIt() {
        var unknown = assertThrows(StatusRuntimeException.class, () -> dapr.withDeadlineAfter(20, TimeUnit.SECONDS).invokeService(
                DaprProtos.InvokeServiceRequest.newBuilder().setId("nobody-here").setMessage(CommonProtos.InvokeRequest.newBuilder().setMethod("x")).build()));
        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        assertTrue(unknown.getStatus().getDescription().contains("nobody-here"), unknown.getStatus().getDescription());

        var traversal = assertThrows(StatusRuntimeException.class, () -> invoke("../admin", CommonProtos.HTTPExtension.Verb.GET, "", ""));
        assertEquals(Status.Code.INVALID_ARGUMENT, traversal.getStatus().getCode(), traversal.getMessage());
    }

    @Test
    void aCallTheServerDoesNotImplementIsUnimplementedAtOnce() {
        long started = System.nanoTime();
        var e = assertThrows(StatusRuntimeException.class, () -> dapr.withDeadlineAfter(10, TimeUnit.SECONDS)
                .subtleGetKeyAlpha1(DaprProtos.SubtleGetKeyRequest.newBuilder().setComponentName("crypto").setName("k").build()));
        assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode(), e.getMessage());
        assertTrue(e.getStatus().getDescription().contains("SubtleGetKeyAlpha1"), e.getStatus().getDescription());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos(), "answered promptly");
    }
}
