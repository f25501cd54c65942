// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.mail;

import io.capaee.api.binding.OutputBindingException.Reason;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The body of a mail: a text part, an HTML part (both: a multipart/alternative) and attachments.
 * The request's data is either the body itself (Dapr's SMTP binding: metadata {@code contentType}
 * {@code text/plain}, the default, or {@code text/html}), or a JSON object with only the keys
 * {@code text}, {@code html} and {@code attachments}: a list of {@code {"filename", "contentType",
 * "data"}} with the data in base64.
 *
 * @param text the plain-text body, or null
 * @param html the HTML body, or null
 * @param attachments the attachments, in order
 */
record MailContent(String text, String html, List<Attachment> attachments) {
    private static final Set<String> KEYS = Set.of("text", "html", "attachments");

    /** One attached file. */
    record Attachment(String filename, String contentType, byte[] data) {}

    MailContent {
        attachments = List.copyOf(attachments);
    }

    static MailContent parse(byte[] data, String contentType) {
        JsonObject structured = structured(data);
        if (structured == null) {
            String body = new String(data, StandardCharsets.UTF_8);
            boolean html = contentType != null && contentType.strip().toLowerCase().startsWith("text/html");
            return new MailContent(html ? null : body, html ? body : null, List.of());
        }
        String text = string(structured, "text");
        String html = string(structured, "html");
        List<Attachment> attachments = new ArrayList<>();
        JsonValue list = structured.get("attachments");
        if (list != null && list.getValueType() != JsonValue.ValueType.NULL) {
            if (!(list instanceof JsonArray array)) {
                throw bad("'attachments' must be a list of {filename, contentType, data}");
            }
            for (int i = 0; i < array.size(); i++) {
                attachments.add(attachment(array.get(i), i));
            }
        }
        return new MailContent(text, html, attachments);
    }

    /** The data as a structured mail, or null when it is a body of its own. */
    private static JsonObject structured(byte[] data) {
        int first = 0;
        while (first < data.length && Character.isWhitespace(data[first])) {
            first++;
        }
        if (first == data.length || data[first] != '{') {
            return null;
        }
        JsonObject object;
        try (JsonReader reader = Jsonp.createReader(new ByteArrayInputStream(data))) {
            object = reader.readObject();
        } catch (JsonException e) {
            return null; // a body that starts like JSON but is not: sent as it is
        }
        if (object.isEmpty() || !KEYS.containsAll(object.keySet())) {
            return null; // any other JSON object is a body of its own (e.g. an event mailed as JSON)
        }
        return object;
    }

    private static Attachment attachment(JsonValue value, int index) {
        if (!(value instanceof JsonObject object)) {
            throw bad("attachments[" + index + "] must be an object {filename, contentType, data}");
        }
        String filename = string(object, "filename");
        String type = string(object, "contentType");
        String base64 = string(object, "data");
        if (base64 == null) {
            throw bad("attachments[" + index + "] needs 'data' (base64)");
        }
        if (filename != null && (filename.contains("/") || filename.contains("\\") || filename.contains("\r")
                || filename.contains("\n"))) {
            throw bad("attachments[" + index + "].filename must be a file name, without path or line breaks");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.replaceAll("\\s", "")); // line breaks allowed, nothing else
        } catch (IllegalArgumentException e) {
            throw bad("attachments[" + index + "].data is not base64: " + e.getMessage());
        }
        return new Attachment(filename == null ? "attachment-" + (index + 1) : filename,
                type == null ? "application/octet-stream" : type, bytes);
    }

    private static String string(JsonObject object, String key) {
        JsonValue value = object.get(key);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString s)) {
            throw bad("'" + key + "' must be a string");
        }
        return s.getString();
    }

    private static OutputBindingException bad(String message) {
        return new OutputBindingException(Reason.BAD_REQUEST, message);
    }
}
