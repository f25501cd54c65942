// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.http;

import io.capaee.connector.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * An HTTP server the adapter calls: an absolute {@code http://} or {@code https://} URL, and the
 * timeout of a connection and of an answer.
 */
public record HttpSettings(URI url, Duration timeout) {
    public HttpSettings {
        check("url", url, "timeout", timeout);
    }

    /**
     * From configuration text; an error names {@code urlKey} or {@code timeoutKey} as the user wrote them.
     *
     * @throws InvalidConfigException naming the key whose value cannot work
     */
    public static HttpSettings of(String urlKey, String url, String timeoutKey, Duration timeout) {
        if (url == null || url.isBlank()) {
            throw new InvalidConfigException(urlKey, "must be set to an http:// or https:// URL");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(urlKey, "'" + url + "' is not a URL: " + e.getMessage());
        }
        check(urlKey, uri, timeoutKey, timeout);
        return new HttpSettings(uri, timeout);
    }

    private static void check(String urlKey, URI url, String timeoutKey, Duration timeout) {
        if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null) {
            throw new InvalidConfigException(urlKey, "'" + url + "' is not an absolute http:// or https:// URL");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new InvalidConfigException(timeoutKey, timeout + " must be positive");
        }
    }
}
