// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.mqtt;

import io.capaee.connector.InvalidConfigException;
import java.util.Objects;

/**
 * How to reach an MQTT broker; validated, naming the bad config property. {@code url}: one broker
 * URL or several, comma separated ({@code tcp://}, {@code ssl://}, {@code ws://}, {@code wss://}).
 * {@code username} and {@code password} may be empty; the password is never printed.
 * {@code timeoutMillis}: the connect timeout, and how long a publish waits for the broker.
 */
public record MqttSettings(String url, String username, String password, int timeoutMillis) {
    /** The defaults and descriptions of the JCA properties that set these, stated once for every bean. */
    public static final String URL = "tcp://127.0.0.1:1883";
    public static final String TIMEOUT_MILLIS = "5000";
    public static final String URL_HELP = "MQTT broker URL(s), comma separated: tcp://, ssl://, ws:// or wss://";
    public static final String USERNAME_HELP = "MQTT user name; empty for none";
    public static final String PASSWORD_HELP = "MQTT password; empty for none";

    public MqttSettings {
        checkUrl("url", url);
        if (timeoutMillis < 1) {
            throw new InvalidConfigException("timeoutMillis", timeoutMillis + " must be at least 1 ms");
        }
        username = Objects.requireNonNullElse(username, "");
        password = Objects.requireNonNullElse(password, "");
    }

    /** Broker URLs as {@code url} takes them, or an error naming {@code property}. */
    public static void checkUrl(String property, String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidConfigException(property, "must name at least one MQTT broker URL, e.g. tcp://127.0.0.1:1883");
        }
        for (String server : url.split(",")) {
            String s = server.strip();
            if (!(s.startsWith("tcp://") || s.startsWith("ssl://") || s.startsWith("ws://") || s.startsWith("wss://"))) {
                throw new InvalidConfigException(property, "'" + s + "' is not a tcp://, ssl://, ws:// or wss:// URL");
            }
        }
    }

    /** The broker URLs, one an element. */
    public String[] servers() {
        return url.strip().split("\\s*,\\s*");
    }

    /** A quality of service, 0, 1 or 2, or an error naming {@code property}. */
    public static int qos(String property, Integer qos) {
        if (qos == null || qos < 0 || qos > 2) {
            throw new InvalidConfigException(property, qos + " is not an MQTT quality of service (0, 1 or 2)");
        }
        return qos;
    }

    @Override
    public String toString() {
        return "MqttSettings[" + url + ", username=" + (username.isEmpty() ? "none" : username) + ", password="
                + (password.isEmpty() ? "none" : "***") + ", timeoutMillis=" + timeoutMillis + "]";
    }
}
