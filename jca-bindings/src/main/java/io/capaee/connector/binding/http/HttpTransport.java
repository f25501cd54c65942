// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.http;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.BindingResponse;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingException.Reason;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.http.HttpClients;
import io.capaee.connector.http.HttpSettings;
import io.capaee.connector.outbound.SharedBackendBase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Operations: the HTTP methods. Returns the response body as data and the metadata
 * {@code statusCode} plus the response headers (first value of each, lower-case names).
 */
final class HttpTransport extends SharedBackendBase implements BindingTransport {
    private static final Set<String> OPERATIONS = Set.of("get", "head", "post", "put", "patch", "delete", "options");
    private static final int MESSAGE_BODY_CHARS = 200;

    private final HttpSettings settings;
    private final URI base;
    private final boolean errorIfNot2XX;
    private final HttpClient client;

    HttpTransport(HttpSettings settings, boolean errorIfNot2XX) {
        this.settings = settings;
        this.base = settings.url();
        this.errorIfNot2XX = errorIfNot2XX;
        this.client = HttpClients.create(settings);
    }

    @Override
    public BindingResponse invoke(BindingRequest request) {
        URI target = target(request.metadata("path"));
        HttpRequest.Builder builder = HttpClients.request(settings, target);
        boolean hasBody = request.data().length > 0;
        builder.method(request.operation().toUpperCase(Locale.ROOT), hasBody
                ? HttpRequest.BodyPublishers.ofByteArray(request.data()) : HttpRequest.BodyPublishers.noBody());
        try {
            request.metadata().forEach((name, value) -> {
                if (!name.equals("path")) {
                    builder.header(name, value);
                }
            });
        } catch (IllegalArgumentException e) {
            throw new OutputBindingException(Reason.BAD_REQUEST, "metadata cannot be sent as a header: "
                    + e.getMessage(), e);
        }
        HttpResponse<byte[]> response;
        try {
            // built last: whatever the caller's metadata said, the request is this server's, never a loopback client's
            response = client.send(HttpClients.build(builder), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new OutputBindingException(Reason.UNAVAILABLE, request.operation() + " " + target + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OutputBindingException(Reason.UNAVAILABLE, "interrupted: " + target, e);
        }
        Map<String, String> metadata = new HashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!values.isEmpty() && !name.startsWith(":")) {
                metadata.put(name.toLowerCase(Locale.ROOT), values.get(0));
            }
        });
        metadata.put("statusCode", Integer.toString(response.statusCode()));
        int status = response.statusCode();
        if (errorIfNot2XX && (status < 200 || status > 299)) {
            String body = new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
            throw new OutputBindingException(Reason.FAILED, request.operation() + " " + target + " answered "
                    + status + (body.isBlank() ? "" : ": " + abbreviate(body)), metadata, null);
        }
        return new BindingResponse(response.body(), metadata);
    }

    /** base + path, refusing anything that would leave the configured host. */
    URI target(String path) {
        if (path == null || path.isEmpty()) {
            return base;
        }
        String joined = base.toString().replaceAll("/+$", "") + "/" + path.replaceAll("^/+", "");
        try {
            URI uri = URI.create(joined);
            if (uri.getHost() == null || !uri.getHost().equals(base.getHost()) || uri.getPort() != base.getPort()
                    || !uri.getScheme().equals(base.getScheme())) {
                throw new IllegalArgumentException("leaves " + base.getHost());
            }
            // '..' (raw or percent-encoded) would climb out of the base path on the server's side
            String decodedPath = java.net.URLDecoder.decode(uri.getRawPath().replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
            String basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
            if (java.util.Arrays.asList(decodedPath.split("[/\\\\]")).contains("..") || !uri.getRawPath().startsWith(basePath.replaceAll("/+$", ""))) {
                throw new IllegalArgumentException("leaves the base path " + basePath);
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new OutputBindingException(Reason.BAD_REQUEST, "metadata 'path' '" + path
                    + "' does not give a URL below " + base + ": " + e.getMessage(), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= MESSAGE_BODY_CHARS ? text : text.substring(0, MESSAGE_BODY_CHARS) + "...";
    }

    @Override
    public Set<String> operations() {
        return OPERATIONS;
    }

    @Override
    public String describe() {
        return "http " + base;
    }

    @Override
    protected void release() {
        // the JDK client (Java 17) has no close; its connections idle out
    }
}
