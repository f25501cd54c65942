// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import io.capaee.actors.store.KeyValueDocument;
import io.capaee.api.jobs.JobException;
import io.capaee.api.jobs.JobSpec;
import io.capaee.api.json.Jsonp;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import io.capaee.api.tracing.TraceContext;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The jobs, as one JSON document (by name) at {@code <prefix>jobs} of the key/value store, changed by
 * compare-and-set as the actors' reminders are: a change is atomic against every other server and
 * thread that shares the store.
 */
public final class JobStore {
    private static final JsonProvider JSON = Jsonp.provider();

    private final KeyValueDocument<Map<String, StoredJob>> document;

    public JobStore(KeyValueConnectionFactory factory, String prefix) {
        this.document = new KeyValueDocument<>(factory, prefix + "jobs", JobStore::parse, JobStore::format);
    }

    public Map<String, StoredJob> all() {
        try {
            return document.read();
        } catch (KeyValueException e) {
            throw unavailable("read", e);
        }
    }

    /** Applies {@code change} to the jobs atomically (retrying on concurrent writes) and returns what it returned. */
    public <R> R update(Function<Map<String, StoredJob>, R> change) {
        try {
            return document.update(change, () -> new JobException(JobException.Reason.UNAVAILABLE, "the jobs kept changing; gave up"));
        } catch (KeyValueException e) {
            throw unavailable("update", e);
        }
    }

    private static Map<String, StoredJob> parse(String raw) {
        Map<String, StoredJob> jobs = new TreeMap<>();
        if (raw == null) {
            return jobs;
        }
        JsonObject doc;
        try (var reader = JSON.createReader(new StringReader(raw))) {
            doc = reader.readObject();
        } catch (jakarta.json.JsonException e) {
            throw new JobException(JobException.Reason.UNAVAILABLE, "the stored jobs are not a JSON object: " + e.getMessage(), e);
        }
        doc.forEach((name, v) -> {
            JsonObject j = v.asJsonObject();
            JsonValue data = j.get("data");
            JobSpec spec = new JobSpec(name, j.getString("schedule", null), j.getString("dueTime", null), j.getInt("repeats", 0),
                    j.getString("ttl", null), data == null ? null : data.toString(), j.getString("target", null));
            jobs.put(name, new StoredJob(spec, Instant.ofEpochMilli(j.getJsonNumber("next").longValue()), j.getInt("fired", 0),
                    j.containsKey("expires") ? Instant.ofEpochMilli(j.getJsonNumber("expires").longValue()) : null,
                    j.getString(TraceContext.TRACEPARENT, null)));
        });
        return jobs;
    }

    private static String format(Map<String, StoredJob> jobs) {
        JsonObjectBuilder doc = JSON.createObjectBuilder();
        jobs.forEach((name, job) -> {
            JobSpec s = job.spec();
            JsonObjectBuilder b = JSON.createObjectBuilder().add("repeats", s.repeats()).add("next", job.next().toEpochMilli())
                    .add("fired", job.fired());
            optional(b, "schedule", s.schedule());
            optional(b, "dueTime", s.dueTime());
            optional(b, "ttl", s.ttl());
            optional(b, "target", s.target());
            optional(b, TraceContext.TRACEPARENT, job.traceparent());
            if (s.data() != null) {
                try (var reader = JSON.createReader(new StringReader(s.data()))) {
                    b.add("data", reader.readValue());
                }
            }
            if (job.expiresAt() != null) {
                b.add("expires", job.expiresAt().toEpochMilli());
            }
            doc.add(name, b);
        });
        return doc.build().toString();
    }

    private static void optional(JsonObjectBuilder b, String field, String value) {
        if (value != null) {
            b.add(field, value);
        }
    }

    private static JobException unavailable(String what, KeyValueException e) {
        return new JobException(JobException.Reason.UNAVAILABLE, "could not " + what + " the stored jobs: " + e.getMessage(), e);
    }
}
