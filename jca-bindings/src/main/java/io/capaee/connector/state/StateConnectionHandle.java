// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.state;

import io.capaee.api.state.EtagMismatchException;
import io.capaee.api.state.StateConnection;
import io.capaee.api.state.StateEntry;
import io.capaee.api.state.StateException;
import io.capaee.api.state.StateItem;
import io.capaee.api.state.StateOperation;
import io.capaee.api.state.StateOptions;
import io.capaee.connector.outbound.BackendConnectionHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** The {@link StateConnection} an application holds; delegates to its managed connection's backend. */
public final class StateConnectionHandle extends BackendConnectionHandle<StateBackend> implements StateConnection {
    private final String namespace;
    private final StateWrites writes;

    StateConnectionHandle(String namespace) {
        super(StateException::new);
        this.namespace = namespace;
        this.writes = new StateWrites(namespace);
    }

    @Override
    public Optional<StateEntry> get(String key) {
        return Optional.ofNullable(getBulk(List.of(key)).get(key));
    }

    @Override
    public Map<String, StateEntry> getBulk(List<String> keys) {
        List<String> stored = new ArrayList<>(keys.size());
        for (String key : keys) {
            stored.add(writes.storedKey(key));
        }
        Map<String, StateBackend.Stored> found = backend().get(stored);
        Map<String, StateEntry> entries = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            StateBackend.Stored s = found.get(stored.get(i));
            if (s != null) {
                entries.put(keys.get(i), new StateEntry(keys.get(i), s.value(), Long.toString(s.version())));
            }
        }
        return entries;
    }

    /**
     * The entries under this application's namespace whose key has no {@code ||}: an application's key never has one,
     * its actors' state does ({@code appId||type||id||key}), as does the store's version counter.
     */
    @Override
    public void scan(Consumer<List<StateEntry>> page) {
        Set<String> seen = new HashSet<>();
        backend().scan(namespace, found -> {
            List<StateEntry> entries = new ArrayList<>(found.size());
            found.forEach((stored, s) -> {
                String key = stored.substring(namespace.length());
                if (!key.isEmpty() && !key.contains("||") && seen.add(key)) {
                    entries.add(new StateEntry(key, s.value(), Long.toString(s.version())));
                }
            });
            if (!entries.isEmpty()) {
                page.accept(entries);
            }
        });
    }

    @Override
    public void save(List<StateItem> items) {
        List<StateWrite> checked = new ArrayList<>(items.size());
        for (StateItem item : items) {
            checked.add(writes.upsert(Objects.requireNonNull(item, "item")));
        }
        int failed = backend().applyEach(checked);
        if (failed >= 0) {
            throw mismatch(items.get(failed));
        }
    }

    @Override
    public void delete(String key, String etag, StateOptions options) {
        StateItem item = new StateItem(key, null, etag, Map.of(), options);
        if (backend().apply(List.of(writes.delete(item))) >= 0) {
            throw mismatch(item);
        }
    }

    @Override
    public void transact(List<StateOperation> operations) {
        List<StateWrite> checked = new ArrayList<>(operations.size());
        for (StateOperation op : operations) {
            checked.add(op.type() == StateOperation.Type.UPSERT ? writes.upsert(op.item()) : writes.delete(op.item()));
        }
        int failed = backend().apply(checked);
        if (failed >= 0) {
            throw mismatch(operations.get(failed).item());
        }
    }

    private static EtagMismatchException mismatch(StateItem item) {
        String expected = item.etag() == null || item.etag().isEmpty()
                ? "first-write: the key must not exist yet"
                : "ETag " + item.etag();
        return new EtagMismatchException("state key '" + item.key() + "' was changed by someone else (" + expected + ")");
    }
}
