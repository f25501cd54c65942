// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.store;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorState;
import io.capaee.api.json.Jsonp;
import io.capaee.api.state.StateKeys;
import jakarta.json.JsonString;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One actor's state during a turn: read from the store on first use, changed in memory, written
 * back with compare-and-set at the end of a successful turn (or on {@link #flush()}), discarded
 * when the turn fails. Java actors use it typed (JSON-B); wasm actors raw.
 */
public final class TurnState implements ActorState {
    /** The prefix of the runtime's own keys in an actor's document: {@code ||} cannot start an actor's key. */
    private static final String FIRED = "||fired||";
    private final ActorId actor;
    private final ActorStore store;
    private final Jsonb jsonb;
    private ActorStore.Snapshot base;
    private Map<String, String> values;
    private boolean dirty;

    public TurnState(ActorId actor, ActorStore store, Jsonb jsonb) {
        this.actor = actor;
        this.store = store;
        this.jsonb = jsonb;
    }

    public void begin() {
        base = null;
        values = null;
        dirty = false;
    }

    public void end(boolean success) {
        try {
            if (success) {
                flush();
            }
        } finally {
            begin();
        }
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        String json = values().get(key);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(jsonb.fromJson(json, type));
        } catch (JsonbException e) {
            throw new ActorException(ActorException.Reason.STATE_FAILED,
                    "state '" + key + "' of " + actor + " is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void set(String key, Object value) {
        checkKey(key);
        if (value == null) {
            throw new IllegalArgumentException("state '" + key + "': use remove() rather than a null value");
        }
        values().put(key, jsonb.toJson(value));
        dirty = true;
    }

    // the same keys as the Dapr API's actor state transactions: one that GET .../state/{key} could name again
    private static void checkKey(String key) {
        if (key == null || key.isEmpty() || key.contains("||")) {
            throw new IllegalArgumentException("a state key must be non-empty and must not contain '||'");
        }
        StateKeys.whyNotWritable(key).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
    }

    /**
     * The runtime's record of reminder {@code name}'s last fire, kept in the actor's own document
     * under a key no actor can write (state keys cannot hold {@code ||}), or empty.
     */
    public Optional<String> lastFire(String name) {
        String json = values().get(FIRED + name);
        return json == null ? Optional.empty() : Optional.of(((JsonString) ActorStore.parse(json)).getString());
    }

    /** Records reminder {@code name}'s fire, saved with the rest of this turn's changes. */
    public void recordFire(String name, String fire) {
        values().put(FIRED + name, Jsonp.createValue(fire).toString());
        dirty = true;
    }

    /** The JSON text at {@code key}, or null. */
    public String rawGet(String key) {
        return values().get(key);
    }

    /** Stores JSON text (checked) at {@code key}. */
    public void rawSet(String key, String json) {
        checkKey(key);
        values().put(key, ActorStore.parse(json).toString());
        dirty = true;
    }

    @Override
    public boolean remove(String key) {
        boolean had = values().remove(key) != null;
        dirty |= had;
        return had;
    }

    @Override
    public boolean contains(String key) {
        return values().containsKey(key);
    }

    @Override
    public Set<String> keys() {
        Set<String> keys = new TreeSet<>(values().keySet());
        keys.removeIf(k -> k.startsWith(FIRED));
        return keys;
    }

    @Override
    public void flush() {
        if (!dirty) {
            return;
        }
        String written = store.save(actor, base.raw(), values);
        if (written == null) {
            throw new ActorException(ActorException.Reason.STATE_FAILED,
                    "the state of " + actor + " was changed outside its turn; this turn's changes were discarded");
        }
        base = new ActorStore.Snapshot(written, Map.copyOf(values));
        dirty = false;
    }

    private Map<String, String> values() {
        if (values == null) {
            base = store.load(actor);
            values = new TreeMap<>(base.values());
        }
        return values;
    }
}
