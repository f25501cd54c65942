// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.json.JsonText;
import io.capaee.api.json.Jsonp;
import io.capaee.proxy.dapr.DaprException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * CloudEvents 1.0 envelopes as Dapr writes them (runtime-api spec 3.6.2): {@code id},
 * {@code specversion}, {@code source} (the app id), {@code type} {@code com.dapr.event.sent},
 * {@code datacontenttype}, {@code topic}, {@code pubsubname}; the payload in {@code data} (JSON for
 * JSON content types, text for text ones) or {@code data_base64}. A body that is already a
 * CloudEvent ({@code application/cloudevents+json}) keeps its fields; the missing ones are filled in.
 */
final class CloudEvents {
    static final String MEDIA_TYPE = "application/cloudevents+json";

    private CloudEvents() {}

    static byte[] envelope(byte[] body, String contentType, String source, String pubsub, String topic) {
        return envelope(body, contentType, source, pubsub, topic, Map.of());
    }

    /**
     * @param traceContext the publisher's {@code traceparent} and {@code tracestate} (W3C): the envelope's extension
     *     attributes of those names, in place of any the body had (empty: tracing off, the body's are kept)
     */
    static byte[] envelope(byte[] body, String contentType, String source, String pubsub, String topic, Map<String, String> traceContext) {
        String type = contentType == null || contentType.isBlank() ? "text/plain" : contentType.strip();
        String bare = type.split(";")[0].strip().toLowerCase(Locale.ROOT);
        JsonObjectBuilder event;
        if (bare.equals(MEDIA_TYPE)) {
            JsonObject given = parseObject(body, "a CloudEvent body must be a JSON object");
            event = Jsonp.createObjectBuilder(given);
            putIfAbsent(event, given, "id", UUID.randomUUID().toString());
            putIfAbsent(event, given, "specversion", "1.0");
            putIfAbsent(event, given, "source", source);
            putIfAbsent(event, given, "type", "com.dapr.event.sent");
            putIfAbsent(event, given, "datacontenttype", "application/json");
        } else {
            event = Jsonp.createObjectBuilder()
                    .add("id", UUID.randomUUID().toString())
                    .add("specversion", "1.0")
                    .add("source", source)
                    .add("type", "com.dapr.event.sent")
                    .add("datacontenttype", type);
            if (bare.equals("application/json") || bare.endsWith("+json")) {
                event.add("data", parse(body));
            } else if (bare.startsWith("text/") || bare.equals("application/xml")) {
                event.add("data", new String(body, StandardCharsets.UTF_8));
            } else {
                event.add("data_base64", Base64.getEncoder().encodeToString(body));
            }
        }
        event.add("topic", topic).add("pubsubname", pubsub);
        traceContext.forEach(event::add);
        return event.build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A raw message as Dapr hands it to a subscriber: an envelope around its bytes. */
    static byte[] wrapRaw(byte[] message, String source, String pubsub, String topic) {
        return envelope(message, "application/octet-stream", source, pubsub, topic);
    }

    /** A message as a subscriber gets it: an envelope as it is, anything else wrapped as raw bytes. */
    static byte[] asEvent(byte[] message, String source, String pubsub, String topic) {
        return isEnvelope(message) ? message : wrapRaw(message, source, pubsub, topic);
    }

    /** True when the message is one of our envelopes (a JSON object with {@code specversion}). */
    static boolean isEnvelope(byte[] message) {
        if (message.length == 0 || message[0] != '{') {
            return false;
        }
        try {
            return JsonText.parse(message) instanceof JsonObject o && o.containsKey("specversion");
        } catch (JsonException e) {
            return false;
        }
    }

    private static void putIfAbsent(JsonObjectBuilder event, JsonObject given, String field, String value) {
        if (!given.containsKey(field)) {
            event.add(field, value);
        }
    }

    private static JsonValue parse(byte[] body) {
        try {
            return JsonText.parse(body);
        } catch (JsonException e) {
            throw new DaprException(400, "ERR_MALFORMED_REQUEST", "the body is not the JSON its content type says: " + e.getMessage());
        }
    }

    private static JsonObject parseObject(byte[] body, String problem) {
        JsonValue value = parse(body);
        if (!(value instanceof JsonObject o)) {
            throw new DaprException(400, "ERR_MALFORMED_REQUEST", problem);
        }
        return o;
    }
}
