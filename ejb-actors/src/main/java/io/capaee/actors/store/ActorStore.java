// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.store;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.json.Jsonp;
import io.capaee.api.kv.Fence;
import io.capaee.api.kv.FencedException;
import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Actor state and reminders over a {@link KeyValueConnectionFactory}. Keys:
 * {@code <prefix>state||<type>||<id>} holds a JSON object of the actor's state keys to their JSON
 * values; {@code <prefix>reminders||<type>||<id>} a JSON object of its reminders by name.
 */
public final class ActorStore {
    private static final JsonProvider JSON = Jsonp.provider();
    private static final int ATTEMPTS = 50;

    private final KeyValueConnectionFactory factory;
    private final String prefix;
    private final Function<ActorId, Optional<Fence>> fences;

    /** On one server: nothing is fenced. */
    public ActorStore(KeyValueConnectionFactory factory, String prefix) {
        this(factory, prefix, actor -> Optional.empty());
    }

    /**
     * @param fences the condition on the writes of a turn (its state, its reminder's advance): that this
     *     server still owns the actor ({@code Placement.fence})
     */
    public ActorStore(KeyValueConnectionFactory factory, String prefix, Function<ActorId, Optional<Fence>> fences) {
        this.factory = factory;
        this.prefix = prefix;
        this.fences = fences;
    }

    /** One actor's state as read: the raw document (for compare-and-set) and its values. */
    public record Snapshot(String raw, Map<String, String> values) {}

    public Snapshot load(ActorId actor) {
        try (KeyValueConnection c = factory.getConnection()) {
            String raw = c.get(stateKey(actor)).orElse(null);
            return new Snapshot(raw, parseValues(raw));
        } catch (KeyValueException e) {
            throw failed("read the state of " + actor, e);
        }
    }

    /**
     * A turn's save: writes {@code values} if the document is still {@code expectedRaw} and this server
     * still owns the actor; returns the document written, or {@code null} when someone else wrote first.
     *
     * @throws ActorException {@code NOT_OWNER} when the server lost the actor: nothing was written
     */
    public String save(ActorId actor, String expectedRaw, Map<String, String> values) {
        return write(actor, expectedRaw, values, fences.apply(actor));
    }

    private String write(ActorId actor, String expectedRaw, Map<String, String> values, Optional<Fence> fence) {
        // every value is JSON already checked when it was set or read; no need to parse it again
        StringBuilder doc = new StringBuilder("{");
        values.forEach((k, v) -> {
            if (doc.length() > 1) {
                doc.append(',');
            }
            doc.append(JSON.createValue(k)).append(':').append(v);
        });
        String raw = doc.append('}').toString();
        try (KeyValueConnection c = factory.getConnection()) {
            boolean written = fence.isPresent() ? c.compareAndSet(stateKey(actor), expectedRaw, raw, fence.get())
                    : c.compareAndSet(stateKey(actor), expectedRaw, raw);
            return written ? raw : null;
        } catch (FencedException e) {
            throw notOwner(actor, e);
        } catch (KeyValueException e) {
            throw failed("save the state of " + actor, e);
        }
    }

    /**
     * Applies {@code change} to the current values and saves, retrying when a concurrent write wins; not
     * fenced (the state API of an actor host, which may reach any server of a group).
     */
    public void update(ActorId actor, java.util.function.Consumer<Map<String, String>> change) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Snapshot s = load(actor);
            Map<String, String> values = new TreeMap<>(s.values());
            change.accept(values);
            if (values.equals(s.values()) || write(actor, s.raw(), values, Optional.empty()) != null) {
                return;
            }
        }
        throw new ActorException(ActorException.Reason.STATE_FAILED, "the state of " + actor + " kept changing; gave up after " + ATTEMPTS + " attempts");
    }

    public Map<String, StoredReminder> reminders(ActorId actor) {
        try (KeyValueConnection c = factory.getConnection()) {
            return parseReminders(c.get(reminderKey(actor)).orElse(null));
        } catch (KeyValueException e) {
            throw failed("read the reminders of " + actor, e);
        }
    }

    /**
     * Applies {@code change} to the actor's reminders atomically (retrying on concurrent writes) and
     * returns what it returned.
     */
    public <R> R updateReminders(ActorId actor, Function<Map<String, StoredReminder>, R> change) {
        return updateReminders(actor, false, change);
    }

    /**
     * @param fenced only while this server owns the actor (a fire's advance)
     * @throws ActorException {@code NOT_OWNER} when fenced and the server lost the actor: nothing was written
     */
    public <R> R updateReminders(ActorId actor, boolean fenced, Function<Map<String, StoredReminder>, R> change) {
        try {
            return new KeyValueDocument<>(factory, reminderKey(actor), ActorStore::parseReminders, ActorStore::formatReminders).update(change,
                    () -> new ActorException(ActorException.Reason.STATE_FAILED, "the reminders of " + actor + " kept changing; gave up"),
                    fenced ? fences.apply(actor) : Optional.empty());
        } catch (FencedException e) {
            throw notOwner(actor, e);
        } catch (KeyValueException e) {
            throw failed("update the reminders of " + actor, e);
        }
    }

    /** Every actor that has reminders stored, as found by a key scan (used once at start). */
    public List<ActorId> actorsWithReminders() {
        List<ActorId> actors = new ArrayList<>();
        String head = prefix + "reminders||";
        try (KeyValueConnection c = factory.getConnection()) {
            for (String key : c.keys(KeyValueConnection.globLiteral(head) + "*")) {
                String[] parts = key.substring(head.length()).split("\\|\\|", 2);
                if (parts.length == 2) {
                    try {
                        actors.add(new ActorId(parts[0], parts[1]));
                    } catch (ActorException e) {
                        // a key that no valid actor could have written; not ours to touch
                    }
                }
            }
        } catch (KeyValueException e) {
            throw failed("list the stored reminders", e);
        }
        return actors;
    }

    private String stateKey(ActorId actor) {
        return prefix + "state||" + actor.type() + "||" + actor.id();
    }

    private String reminderKey(ActorId actor) {
        return prefix + "reminders||" + actor.type() + "||" + actor.id();
    }

    private static Map<String, String> parseValues(String raw) {
        Map<String, String> values = new TreeMap<>();
        if (raw != null) {
            object(raw).forEach((k, v) -> values.put(k, v.toString()));
        }
        return values;
    }

    private static Map<String, StoredReminder> parseReminders(String raw) {
        Map<String, StoredReminder> reminders = new TreeMap<>();
        if (raw == null) {
            return reminders;
        }
        object(raw).forEach((name, v) -> {
            JsonObject r = v.asJsonObject();
            JsonValue data = r.get("data");
            reminders.put(name, new StoredReminder(name, r.getString("dueTime", ""), r.getString("period", ""), r.getString("ttl", ""),
                    data == null || data == JsonValue.NULL ? null : data.toString(),
                    Instant.ofEpochMilli(r.getJsonNumber("next").longValue()), r.getInt("remaining", -1),
                    r.containsKey("expires") ? Instant.ofEpochMilli(r.getJsonNumber("expires").longValue()) : null));
        });
        return reminders;
    }

    private static String formatReminders(Map<String, StoredReminder> reminders) {
        JsonObjectBuilder doc = JSON.createObjectBuilder();
        reminders.forEach((name, r) -> {
            JsonObjectBuilder b = JSON.createObjectBuilder().add("dueTime", r.dueTime()).add("period", r.period()).add("ttl", r.ttl())
                    .add("next", r.next().toEpochMilli()).add("remaining", r.remaining());
            if (r.data() != null) {
                b.add("data", parse(r.data()));
            }
            if (r.expiresAt() != null) {
                b.add("expires", r.expiresAt().toEpochMilli());
            }
            doc.add(name, b);
        });
        return doc.build().toString();
    }

    private static JsonObject object(String raw) {
        try (var reader = JSON.createReader(new StringReader(raw))) {
            return reader.readObject();
        } catch (jakarta.json.JsonException | ClassCastException e) {
            throw new ActorException(ActorException.Reason.STATE_FAILED, "a stored actor document is not a JSON object: " + e.getMessage(), e);
        }
    }

    /** Parses one JSON value (any type); refuses what is not JSON. */
    public static JsonValue parse(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (jakarta.json.JsonException e) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST, "not JSON: " + e.getMessage(), e);
        }
    }

    public static Optional<String> value(Snapshot snapshot, String key) {
        return Optional.ofNullable(snapshot.values().get(key));
    }

    private static ActorException notOwner(ActorId actor, FencedException e) {
        return new ActorException(ActorException.Reason.NOT_OWNER, "this server no longer owns " + actor
                + " (its partition's lease passed to another server); nothing was written", e);
    }

    private static ActorException failed(String what, KeyValueException e) {
        return new ActorException(ActorException.Reason.STATE_FAILED, "could not " + what + ": " + e.getMessage(), e);
    }
}
