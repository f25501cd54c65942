// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.rest;

import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.capaee.api.wasm.WasmFunctionException;
import io.capaee.api.wasm.capsule.HttpInvocation;
import io.capaee.api.wasm.capsule.HttpReply;
import io.capaee.functions.service.Deployment;
import io.capaee.functions.service.FunctionRegistry;
import io.capaee.functions.service.FunctionTraces;
import io.capaee.functions.service.FunctionsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * One HTTP call of a deployed revision, whichever way the request came in: the servlet fast path
 * ({@link FunctionCallFilter}) or the JAX-RS resource (HEAD, and what the filter leaves alone).
 */
@ApplicationScoped
public class FunctionCaller {
    @Inject
    FunctionRegistry registry;

    @Inject
    FunctionsConfig config;

    @Inject
    Traces traces;

    /**
     * @param revision the revision, {@link FunctionRegistry#DEFAULT_REVISION} for the default
     * @param uri what the guest sees as its request target ({@code /} or {@code /?query})
     * @param headers first value of each request header, in arrival order
     * @param contentLength the declared body length, -1 when not declared
     */
    public HttpReply call(String method, String name, String revision, String uri, Map<String, String> headers,
            InputStream body, long contentLength) {
        try (TraceSpan span = FunctionTraces.call(traces, method, name, revision, headers)) {
            try {
                HttpReply reply = run(method, name, revision, uri, headers, body, contentLength);
                span.httpStatus(reply.status());
                return reply;
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    private HttpReply run(String method, String name, String revision, String uri, Map<String, String> headers,
            InputStream body, long contentLength) {
        Deployment deployment = registry.find(name, revision);
        String text = readBody(body, contentLength);
        HttpInvocation invocation = new HttpInvocation(method, uri, headers, text);
        long start = System.nanoTime();
        boolean failed = true;
        try {
            HttpReply reply = deployment.function().callHttp(invocation);
            failed = reply.status() >= 500;
            return reply;
        } finally {
            deployment.metrics().record(Duration.ofNanos(System.nanoTime() - start), failed);
        }
    }

    /**
     * The function sees itself mounted at {@code /}, as under Capsule, so that 0.1.9 guests'
     * {@code ParseQueryString} (which splits on {@code /?}) still finds the query.
     */
    static String guestUri(String query) {
        return query == null ? "/" : "/?" + query;
    }

    private String readBody(InputStream body, long contentLength) {
        if (body == null || contentLength == 0) {
            return "";
        }
        long limit = config.maxBodyBytes();
        try {
            // Most calls carry a small body or none: start small, grow only when there is more.
            byte[] first = new byte[1024];
            int n = body.readNBytes(first, 0, first.length);
            if (n < first.length) {
                return new String(first, 0, n, StandardCharsets.UTF_8);
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream(4096);
            all.write(first, 0, n);
            byte[] chunk = new byte[8192];
            int read;
            while ((read = body.read(chunk)) >= 0) {
                all.write(chunk, 0, read);
                if (all.size() > limit) {
                    throw new PayloadTooLargeException("request body is larger than capa.functions.max-body-bytes = " + limit + " bytes");
                }
            }
            return all.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WasmFunctionException(WasmFunctionException.Reason.BAD_INPUT, "request body could not be read: " + e.getMessage(), e);
        }
    }
}
