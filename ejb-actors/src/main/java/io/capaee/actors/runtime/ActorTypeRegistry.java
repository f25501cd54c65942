// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import java.util.Set;
import java.util.TreeSet;

/**
 * The actor types this server hosts, by their wire names (what Dapr's {@code /v1.0/metadata}
 * and {@code /dapr/config} report). The actor runtime registers types here as it discovers them;
 * until it exists (issue 4) the registry is empty, which is also what the metadata shows.
 */
@Singleton
public class ActorTypeRegistry {
    private final Set<String> types = new TreeSet<>();

    /** Adds a type; a blank name is refused because it could never be addressed. */
    @Lock(LockType.WRITE)
    public void register(String type) {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("an actor type needs a non-blank name");
        }
        types.add(type);
    }

    /** The registered types, sorted; a copy. */
    @Lock(LockType.READ)
    public Set<String> types() {
        return Set.copyOf(types);
    }
}
