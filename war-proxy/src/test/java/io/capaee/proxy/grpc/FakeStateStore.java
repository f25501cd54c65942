// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import io.capaee.api.state.EtagMismatchException;
import io.capaee.api.state.StateConnection;
import io.capaee.api.state.StateConnectionFactory;
import io.capaee.api.state.StateEntry;
import io.capaee.api.state.StateItem;
import io.capaee.api.state.StateOperation;
import io.capaee.api.state.StateOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** A state store in memory with the ETag rule of {@link StateConnection}, for the gRPC API's tests. */
final class FakeStateStore implements StateConnectionFactory {
    final Map<String, StateEntry> entries = new ConcurrentHashMap<>();
    private final AtomicLong etags = new AtomicLong();
    private final boolean scans;

    FakeStateStore() {
        this(true);
    }

    /** A store that can list its entries, or one that cannot (a query on it is refused). */
    FakeStateStore(boolean scans) {
        this.scans = scans;
    }

    @Override
    public boolean scans() {
        return scans;
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public StateConnection getConnection() {
        return new StateConnection() {
            @Override
            public Optional<StateEntry> get(String key) {
                return Optional.ofNullable(entries.get(key));
            }

            @Override
            public Map<String, StateEntry> getBulk(List<String> keys) {
                Map<String, StateEntry> found = new LinkedHashMap<>();
                keys.forEach(k -> get(k).ifPresent(e -> found.put(k, e)));
                return found;
            }

            @Override
            public void save(List<StateItem> items) {
                items.forEach(this::put);
            }

            @Override
            public void delete(String key, String etag, StateOptions options) {
                check(key, etag);
                entries.remove(key);
            }

            @Override
            public void transact(List<StateOperation> operations) {
                operations.forEach(o -> {
                    if (o.type() == StateOperation.Type.UPSERT) {
                        put(o.item());
                    } else {
                        delete(o.item().key(), o.item().etag(), o.item().options());
                    }
                });
            }

            @Override
            public void scan(Consumer<List<StateEntry>> page) {
                if (!scans) {
                    StateConnection.super.scan(page);
                    return;
                }
                page.accept(List.copyOf(entries.values()));
            }

            @Override
            public void close() {}

            private void put(StateItem item) {
                check(item.key(), item.etag());
                entries.put(item.key(), new StateEntry(item.key(), item.value(), String.valueOf(etags.incrementAndGet())));
            }

            private void check(String key, String etag) {
                StateEntry current = entries.get(key);
                if (etag != null && (current == null || !current.etag().equals(etag))) {
                    throw new EtagMismatchException("key " + key + " has another etag");
                }
            }
        };
    }
}
