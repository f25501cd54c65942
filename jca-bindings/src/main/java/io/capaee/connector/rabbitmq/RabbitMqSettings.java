// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.rabbitmq;

import io.capaee.connector.InvalidConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to reach RabbitMQ; validated, naming the bad config property. {@code url}: one or several
 * broker URLs, comma separated, {@code amqp://host[:port][/vhost]} or {@code amqps://} (TLS, with the
 * JVM's trust store and host-name verification); the first names the virtual host. {@code username}
 * and {@code password}: empty for the client's default ({@code guest}, which RabbitMQ admits from
 * loopback only). The password is never printed. {@code timeoutMillis}: connect and handshake
 * timeout, and how long a publish waits for the broker's confirmation.
 */
public record RabbitMqSettings(String url, String username, String password, int timeoutMillis) {
    /** The defaults and descriptions of the JCA properties that set these, stated once for every bean. */
    public static final String URL = "amqp://127.0.0.1:5672";
    public static final String TIMEOUT_MILLIS = "5000";
    public static final String URL_HELP = "RabbitMQ URL(s), comma separated: amqp://host[:port][/vhost] or amqps://";
    public static final String USERNAME_HELP = "RabbitMQ user name; empty for the client's default (guest)";
    public static final String PASSWORD_HELP = "RabbitMQ password; empty for the client's default (guest)";

    /** One broker of {@code url}. */
    public record Broker(String host, int port, boolean tls, String virtualHost) {
    }

    public RabbitMqSettings {
        checkUrl("url", url);
        if (timeoutMillis < 1) {
            throw new InvalidConfigException("timeoutMillis", timeoutMillis + " must be at least 1 ms");
        }
        username = Objects.requireNonNullElse(username, "").strip();
        password = Objects.requireNonNullElse(password, "");
    }

    /** Broker URLs as {@code url} takes them, or an error naming {@code property}. */
    public static void checkUrl(String property, String url) {
        brokers(property, url);
    }

    /** The brokers, in the order given. */
    public List<Broker> brokers() {
        return brokers("url", url);
    }

    private static List<Broker> brokers(String property, String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidConfigException(property, "must name at least one RabbitMQ URL, e.g. " + URL);
        }
        List<Broker> brokers = new ArrayList<>();
        for (String part : url.split(",")) {
            brokers.add(broker(property, part.strip()));
        }
        return brokers;
    }

    private static Broker broker(String property, String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidConfigException(property, "'" + text + "' is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme();
        if (!"amqp".equals(scheme) && !"amqps".equals(scheme) || uri.getHost() == null) {
            throw new InvalidConfigException(property, "'" + text + "' is not an amqp:// or amqps:// URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            // credentials in a URL end up in logs and in server.xml; they have properties of their own
            throw new InvalidConfigException(property, "'" + uri.getHost() + "': give the user name and password in their own"
                    + " properties, not in the URL");
        }
        boolean tls = scheme.equals("amqps");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        // "/name" is the virtual host "name" (percent-decoded, %2F for '/'); no path, or a lone "/" (which the AMQP URI
        // spec reads as the empty name, a virtual host nobody has), is the default virtual host "/"
        String virtualHost = path.length() <= 1 ? "/" : URLDecoder.decode(path.substring(1), StandardCharsets.UTF_8);
        if (path.length() > 1 && path.indexOf('/', 1) >= 0) {
            throw new InvalidConfigException(property, "'" + text + "': a virtual host with '/' is written %2F");
        }
        return new Broker(uri.getHost(), uri.getPort() < 0 ? (tls ? 5671 : 5672) : uri.getPort(), tls, virtualHost);
    }

    @Override
    public String toString() {
        return "RabbitMqSettings[" + url + ", username=" + (username.isEmpty() ? "default" : username) + ", password="
                + (password.isEmpty() ? "default" : "***") + ", timeoutMillis=" + timeoutMillis + "]";
    }
}
