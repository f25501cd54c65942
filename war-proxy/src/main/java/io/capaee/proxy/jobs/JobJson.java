// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.jobs;

import io.capaee.api.InvalidValueException;
import io.capaee.api.jobs.JobSpec;
import io.capaee.api.jobs.JobView;
import io.capaee.api.json.JsonBodyException;
import io.capaee.api.json.JsonText;
import io.capaee.api.json.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.Set;

/** Dapr's job body both ways: {@code {"schedule", "dueTime", "repeats", "ttl", "data"}}, plus {@code target} and {@code overwrite}. */
final class JobJson {
    private static final JsonProvider JSON = Jsonp.provider();
    private static final Set<String> FIELDS = Set.of("name", "schedule", "dueTime", "repeats", "ttl", "data", "target", "overwrite");

    private JobJson() {}

    /** A job to schedule and whether it may replace one of the same name (Dapr's {@code overwrite}, false by default). */
    record Request(JobSpec spec, boolean overwrite) {}

    /**
     * @throws JsonBodyException when the body is not a JSON object
     * @throws InvalidValueException naming the field that cannot work
     */
    static Request parse(String name, String body) {
        JsonObject json;
        try {
            JsonValue value = JsonText.parse(body == null ? "" : body);
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new JsonBodyException("the body must be a JSON object, was " + value.getValueType().name().toLowerCase());
            }
            json = value.asJsonObject();
        } catch (JsonException e) {
            throw new JsonBodyException("the body is not a JSON object: " + e.getMessage(), e);
        }
        for (String field : json.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidValueException(field, "is not a field of a job (" + String.join(", ", FIELDS.stream().sorted().toList()) + ")");
            }
        }
        String named = string(json, "name");
        if (named != null && !named.equals(name)) {
            throw new InvalidValueException("name", "'" + named + "' differs from the job's name in the path, '" + name + "'");
        }
        JsonValue data = json.get("data");
        JsonValue overwrite = json.get("overwrite");
        if (overwrite != null && overwrite != JsonValue.TRUE && overwrite != JsonValue.FALSE && overwrite != JsonValue.NULL) {
            throw new InvalidValueException("overwrite", "must be true or false");
        }
        return new Request(new JobSpec(name, string(json, "schedule"), string(json, "dueTime"), repeats(json), string(json, "ttl"),
                data == null || data == JsonValue.NULL ? null : data.toString(), string(json, "target")), overwrite == JsonValue.TRUE);
    }

    static JsonObject view(JobView view) {
        JobSpec s = view.spec();
        JsonObjectBuilder b = JSON.createObjectBuilder().add("name", s.name());
        optional(b, "schedule", s.schedule());
        optional(b, "dueTime", s.dueTime());
        if (s.repeats() > 0) {
            b.add("repeats", s.repeats());
        }
        optional(b, "ttl", s.ttl());
        if (s.data() != null) {
            b.add("data", JsonText.parse(s.data()));
        }
        optional(b, "target", s.target());
        b.add("next", view.next().toString()).add("fired", view.fired());
        if (view.expiresAt() != null) {
            b.add("expires", view.expiresAt().toString());
        }
        return b.build();
    }

    private static void optional(JsonObjectBuilder b, String field, String value) {
        if (value != null) {
            b.add(field, value);
        }
    }

    private static String string(JsonObject json, String field) {
        JsonValue v = json.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        throw new InvalidValueException(field, "must be a string");
    }

    private static int repeats(JsonObject json) {
        JsonValue v = json.get("repeats");
        if (v == null || v == JsonValue.NULL) {
            return 0;
        }
        if (v instanceof JsonNumber n && n.isIntegral() && n.bigIntegerValue().bitLength() < 32) {
            return n.intValue();
        }
        throw new InvalidValueException("repeats", "must be a whole number (0 for no limit)");
    }
}
