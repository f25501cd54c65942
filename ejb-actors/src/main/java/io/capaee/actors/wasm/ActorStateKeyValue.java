// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.wasm;

import io.capaee.actors.store.TurnState;
import io.capaee.api.json.Jsonp;
import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The key/value store that wasm actors' {@code hostRedis*} functions see: the state of the actor
 * whose turn runs on the calling thread, so a guest reaches only its own actor's keys. Strings are
 * stored as JSON strings, so {@code GET /v1.0/actors/{type}/{id}/state/{key}} shows them as JSON.
 */
public final class ActorStateKeyValue implements KeyValueConnectionFactory {
    private static final JsonProvider JSON = Jsonp.provider();
    private final ThreadLocal<TurnState> current = new ThreadLocal<>();

    /** Runs {@code call} with {@code state} as what the guest's host functions reach. */
    <T> T with(TurnState state, java.util.function.Supplier<T> call) {
        TurnState previous = current.get();
        current.set(state);
        try {
            return call.get();
        } finally {
            if (previous == null) {
                current.remove();
            } else {
                current.set(previous);
            }
        }
    }

    @Override
    public KeyValueConnection getConnection() {
        TurnState state = current.get();
        return new KeyValueConnection() {
            private TurnState state() {
                if (state == null) {
                    throw new KeyValueException("only a wasm actor, inside its turn, has a key/value store here");
                }
                return state;
            }

            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(state().rawGet(key)).map(ActorStateKeyValue::text);
            }

            @Override
            public void set(String key, String value) {
                state().rawSet(key, JSON.createValue(value).toString());
            }

            @Override
            public boolean delete(String key) {
                return state().remove(key);
            }

            @Override
            public boolean compareAndSet(String key, String expected, String value) {
                if (!Objects.equals(get(key).orElse(null), expected)) {
                    return false;
                }
                set(key, value);
                return true;
            }

            @Override
            public List<String> keys(String pattern) {
                Pattern p = glob(pattern);
                return state().keys().stream().filter(k -> p.matcher(k).matches()).toList();
            }

            @Override
            public void close() {}
        };
    }

    private static String text(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            JsonValue v = reader.readValue();
            return v instanceof JsonString s ? s.getString() : json;
        }
    }

    static Pattern glob(String pattern) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        re.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        re.append("\\[");
                    } else {
                        re.append('[').append(pattern, i + 1, end).append(']');
                        i = end;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
