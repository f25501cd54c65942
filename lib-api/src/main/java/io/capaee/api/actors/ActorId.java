// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

/**
 * One virtual actor: its type and its id. Both are checked the way Dapr checks them (no
 * {@code # ? / \}, no control characters, not {@code .} or {@code ..}), and neither may contain
 * {@code ||}, the separator of stored keys.
 */
public record ActorId(String type, String id) {
    public ActorId {
        ActorNames.check("actor type", type);
        ActorNames.check("actor id", id);
    }

    @Override
    public String toString() {
        return type + "/" + id;
    }
}
