// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.secrets;

import io.capaee.api.json.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Dapr's {@code secretstores.local.file}: a JSON object read on every call (so edits show at once);
 * nested objects are flattened with {@code nestedSeparator} ({@code ":"} by default, as Dapr does),
 * so {@code {"db": {"password": "x"}}} holds the secret {@code db:password}. Numbers and booleans
 * are given as their JSON text. Errors name the file and the position, never its content.
 */
public final class JsonFileSecretStore extends SingleValueSecretStore {
    private final Path file;
    private final String separator;

    public JsonFileSecretStore(Path file, String nestedSeparator) {
        this.file = file;
        this.separator = nestedSeparator == null || nestedSeparator.isEmpty() ? ":" : nestedSeparator;
    }

    @Override
    Optional<String> value(String name) {
        return Optional.ofNullable(read().get(name));
    }

    @Override
    Collection<String> names() {
        return read().keySet();
    }

    /** The whole file, read once. */
    @Override
    Map<String, String> values() {
        return read();
    }

    @Override
    public String type() {
        return "secretstores.local.file";
    }

    private Map<String, String> read() {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                var json = Jsonp.createReader(reader)) {
            JsonValue root = json.readValue();
            if (root.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new SecretException("secret file " + file + " must hold a JSON object");
            }
            Map<String, String> flat = new TreeMap<>();
            flatten("", root.asJsonObject(), flat);
            return flat;
        } catch (JsonParsingException e) {
            // the parser's message may quote the file; give only the position
            throw new SecretException("secret file " + file + " is not valid JSON (line " + e.getLocation().getLineNumber()
                    + ", column " + e.getLocation().getColumnNumber() + ")");
        } catch (JsonException e) {
            throw new SecretException("secret file " + file + " is not valid JSON");
        } catch (IOException e) {
            throw new SecretException("cannot read secret file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private void flatten(String prefix, JsonObject object, Map<String, String> flat) {
        for (var entry : object.entrySet()) {
            String name = prefix + entry.getKey();
            JsonValue value = entry.getValue();
            switch (value.getValueType()) {
                case OBJECT -> flatten(name + separator, value.asJsonObject(), flat);
                case STRING -> flat.put(name, ((JsonString) value).getString());
                case NULL -> { } // no value, no secret
                default -> flat.put(name, value.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "JSON file secret store " + file;
    }
}
