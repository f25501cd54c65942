// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.desired;

import io.capaee.api.json.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One object that an API deployed: its kind ({@code worker}, {@code connector}), its id within the
 * kind, and the spec that deploys it again. Stored as one JSON document of format {@value #FORMAT}:
 * <pre>{"format":1,"kind":"connector","id":"orders","updatedAt":"2026-12-06T14:00:00Z","spec":{...}}</pre>
 */
public record DesiredEntry(String kind, String id, JsonObject spec, Instant updatedAt) {
    /** The document format written; a document of another format is reported, never guessed at. */
    public static final int FORMAT = 1;

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    // ids are also file names (encoded) and key suffixes: no glob characters, no control characters;
    // '_' and '-' may start one (function names may), '.' and '/' may not (hidden files, absolute paths)
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._/-]{0,255}");

    public DesiredEntry {
        requireKind(kind);
        requireId(id);
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    static void requireKind(String kind) {
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind: must be 1 to 32 lower-case letters, digits or '-', was '" + kind + "'");
        }
    }

    static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
            throw new IllegalArgumentException("id: must be 1 to 256 letters, digits, '.', '_', '-' or '/', not starting with '.' or '/' (no '..'), was '" + id + "'");
        }
    }

    /** The stored document. */
    public String toJson() {
        return Jsonp.createObjectBuilder()
                .add("format", FORMAT)
                .add("kind", kind)
                .add("id", id)
                .add("updatedAt", updatedAt.toString())
                .add("spec", spec)
                .build()
                .toString();
    }

    /**
     * Reads a stored document of {@code kind}; {@code where} names it in the error (a file, a key).
     *
     * @throws DesiredStateException naming what is wrong: not JSON, another format, another kind
     */
    public static DesiredEntry parse(String kind, String document, String where) {
        JsonObject json;
        try (var reader = Jsonp.createReader(new StringReader(document))) {
            json = reader.readObject();
        } catch (JsonException | IllegalStateException e) {
            throw new DesiredStateException(where + ": not a JSON object: " + e.getMessage(), e);
        }
        JsonValue format = json.get("format");
        if (!(format instanceof JsonNumber number) || number.intValue() != FORMAT) {
            throw new DesiredStateException(where + ": format " + format + " is not " + FORMAT + " (written by another version?)");
        }
        String storedKind = string(json, "kind", where);
        if (!storedKind.equals(kind)) {
            throw new DesiredStateException(where + ": kind is '" + storedKind + "', expected '" + kind + "'");
        }
        if (!(json.get("spec") instanceof JsonObject spec)) {
            throw new DesiredStateException(where + ": 'spec' is not a JSON object");
        }
        try {
            return new DesiredEntry(kind, string(json, "id", where), spec, Instant.parse(string(json, "updatedAt", where)));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new DesiredStateException(where + ": " + e.getMessage(), e);
        }
    }

    private static String string(JsonObject json, String name, String where) {
        if (!(json.get(name) instanceof JsonString text)) {
            throw new DesiredStateException(where + ": '" + name + "' is missing or not a string");
        }
        return text.getString();
    }
}
