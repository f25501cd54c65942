// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

import io.capaee.api.json.Jsonp;
import io.capaee.api.rpc.codec.CaraCodec;
import io.capaee.api.rpc.codec.DecodeException;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.InterfaceSchema;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls over HTTP: {@code POST {base}/v1.0-alpha1/rpc/{service}/{method}} with the parameters
 * as cara msgpack ({@code application/msgpack}); 200 answers with the results the same way, and
 * a failure is a problem+json with Dapr's {@code errorCode} and {@code message} (plus header
 * {@code Capa-Rpc-Remote-Type} for a remote exception). Capabilities cannot travel over HTTP.
 * Thread-safe.
 */
public final class HttpRpcTransport implements RpcTransport {
    public static final String PATH = "/v1.0-alpha1/rpc/";
    public static final String MEDIA_TYPE = "application/msgpack";
    public static final String REMOTE_TYPE_HEADER = "Capa-Rpc-Remote-Type";

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final CaraCodec codec;

    public HttpRpcTransport(URI base, Duration timeout) {
        this(base, HttpClient.newBuilder().connectTimeout(timeout).build(), timeout, CaraCodec.lenient());
    }

    public HttpRpcTransport(URI base, HttpClient http, Duration timeout, CaraCodec codec) {
        String b = base.toString();
        this.base = URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
        this.http = http;
        this.timeout = timeout;
        this.codec = codec;
    }

    @Override
    public DynamicStruct call(String service, InterfaceSchema.MethodRef method, DynamicStruct params) {
        byte[] body = codec.encode(params);
        URI uri = URI.create(base + PATH + encode(service) + "/" + encode(method.method().name()));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", MEDIA_TYPE).header("Accept", MEDIA_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new RpcTimeoutException("no answer from " + uri + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            throw new TransportException("cannot call " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while calling " + uri, e);
        }
        if (response.statusCode() == 200) {
            try {
                return codec.decode(method.method().results(), response.body());
            } catch (DecodeException e) {
                throw new InvalidMessageException("the answer of " + RpcServer.describe(method) + " does not decode: "
                        + e.getMessage(), e);
            }
        }
        throw failure(uri, response);
    }

    private static RpcCallException failure(URI uri, HttpResponse<byte[]> response) {
        String text = new String(response.body(), StandardCharsets.UTF_8);
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.contains("json")) {
            try {
                JsonObject o = Jsonp.createReader(new StringReader(text)).readObject();
                String code = o.getString("errorCode", null);
                if (code != null && code.startsWith("ERR_RPC_")) {
                    return RpcCallException.fromWire(code,
                            response.headers().firstValue(REMOTE_TYPE_HEADER).orElse("unknown"), o.getString("message", ""));
                }
            } catch (RuntimeException e) {
                // not a problem detail of ours: reported below as it came
            }
        }
        return new TransportException(uri + " answered HTTP " + response.statusCode() + ": "
                + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
