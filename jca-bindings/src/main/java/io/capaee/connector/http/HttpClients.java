// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.http;

import io.capaee.api.security.AccessPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;

/**
 * Creates the JDK HTTP clients of bindings and connectors (HTTP/1.1, redirects not followed, the
 * settings' connect timeout) and the requests they send.
 */
public final class HttpClients {
    private HttpClients() {
    }

    public static HttpClient create(HttpSettings settings) {
        return create(settings.timeout());
    }

    public static HttpClient create(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(connectTimeout).build();
    }

    /** A request to {@code target} with the settings' answer timeout. */
    public static HttpRequest.Builder request(HttpSettings settings, URI target) {
        return HttpRequest.newBuilder(target).timeout(settings.timeout());
    }

    /**
     * Marks the request as this server's own, not a loopback client's; call it after every other
     * header, so that headers taken from a message or a caller cannot undo it.
     */
    public static HttpRequest build(HttpRequest.Builder request) {
        return request.setHeader(AccessPolicy.SERVER_REQUEST_HEADER, "1").build();
    }
}
