// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

import io.capaee.api.state.StateKeys;

/**
 * One operation of an actor state transaction (Dapr's {@code upsert} and {@code delete}).
 *
 * @param value the JSON value for an upsert; {@code null} for a delete
 */
public record StateOperation(Kind kind, String key, String value) {
    public enum Kind { UPSERT, DELETE }

    public StateOperation {
        if (key == null || key.isEmpty() || key.contains("||")) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST, "a state key must be non-empty and must not contain '||'");
        }
        // only writes: a delete may name any key, so that values stored before the rule can go
        if (kind == Kind.UPSERT) {
            StateKeys.whyNotWritable(key).ifPresent(why -> {
                throw new ActorException(ActorException.Reason.BAD_REQUEST, why);
            });
        }
        if (kind == Kind.UPSERT && value == null) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST, "upsert of '" + key + "' has no value");
        }
    }

    public static StateOperation upsert(String key, String json) {
        return new StateOperation(Kind.UPSERT, key, json);
    }

    public static StateOperation delete(String key) {
        return new StateOperation(Kind.DELETE, key, null);
    }
}
