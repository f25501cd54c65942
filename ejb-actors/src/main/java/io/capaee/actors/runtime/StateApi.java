// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.actors.store.ActorStore;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.StateOperation;
import java.util.List;
import java.util.Optional;

/**
 * Actor state as Dapr's API reads and writes it, from outside any turn: one key at a time, and
 * transactions that apply every operation or none (a bad value refuses the whole transaction before
 * anything is written).
 */
final class StateApi {
    private final ActorStore store;

    StateApi(ActorStore store) {
        this.store = store;
    }

    Optional<String> get(ActorId actor, String key) {
        return ActorStore.value(store.load(actor), key);
    }

    void transaction(ActorId actor, List<StateOperation> operations) {
        operations.stream().filter(op -> op.kind() == StateOperation.Kind.UPSERT).forEach(op -> ActorStore.parse(op.value()));
        store.update(actor, values -> {
            for (StateOperation op : operations) {
                if (op.kind() == StateOperation.Kind.UPSERT) {
                    values.put(op.key(), ActorStore.parse(op.value()).toString());
                } else {
                    values.remove(op.key());
                }
            }
        });
    }
}
