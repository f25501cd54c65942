// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.store;

import io.capaee.api.kv.Fence;
import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.kv.KeyValueException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One document of the key/value store that several servers and threads change: each change reads it,
 * applies itself to a fresh copy and writes by compare-and-set, and starts again when someone else
 * wrote first. The actors' reminders and the jobs are kept this way.
 *
 * @param <D> the parsed document; {@code parse} must give a new, equal value for equal text
 */
public final class KeyValueDocument<D> {
    private static final int ATTEMPTS = 50;

    private final KeyValueConnectionFactory factory;
    private final String key;
    private final Function<String, D> parse;
    private final Function<D, String> format;

    /** @param parse reads the stored text, {@code null} when the key is absent */
    public KeyValueDocument(KeyValueConnectionFactory factory, String key, Function<String, D> parse, Function<D, String> format) {
        this.factory = factory;
        this.key = key;
        this.parse = parse;
        this.format = format;
    }

    public D read() throws KeyValueException {
        try (KeyValueConnection c = factory.getConnection()) {
            return parse.apply(c.get(key).orElse(null));
        }
    }

    /**
     * Applies {@code change} to the document atomically and returns what it returned; nothing is written
     * when it changed nothing. An emptied document is written as such, never deleted, since a delete
     * could remove a concurrent write.
     *
     * @param gaveUp the failure when the document kept changing under every attempt
     */
    public <R> R update(Function<D, R> change, Supplier<RuntimeException> gaveUp) throws KeyValueException {
        return update(change, gaveUp, Optional.empty());
    }

    /**
     * {@link #update(Function, Supplier)} whose write takes effect only while {@code fence} holds.
     *
     * @throws io.capaee.api.kv.FencedException when it does not
     */
    public <R> R update(Function<D, R> change, Supplier<RuntimeException> gaveUp, Optional<Fence> fence) throws KeyValueException {
        for (int i = 0; i < ATTEMPTS; i++) {
            try (KeyValueConnection c = factory.getConnection()) {
                String raw = c.get(key).orElse(null);
                D after = parse.apply(raw);
                R result = change.apply(after);
                if (Objects.equals(after, parse.apply(raw)) || (fence.isPresent()
                        ? c.compareAndSet(key, raw, format.apply(after), fence.get())
                        : c.compareAndSet(key, raw, format.apply(after)))) {
                    return result;
                }
            }
        }
        throw gaveUp.get();
    }
}
