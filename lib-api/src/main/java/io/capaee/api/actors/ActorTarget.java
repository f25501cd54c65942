// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.actors;

/**
 * An actor method as the target of an event: {@code actor:TYPE/ID/METHOD} (input bindings, pub/sub
 * subscriptions, connectors). One parser, so that every place that takes such a target accepts
 * and refuses the same ones.
 */
public record ActorTarget(ActorId actor, String method) {
    public static final String SCHEME = "actor:";

    public ActorTarget {
        ActorNames.check("actor method", method);
    }

    /** Whether {@code target} names an actor method (it may still be malformed: see {@link #parse}). */
    public static boolean isActor(String target) {
        return target != null && target.strip().startsWith(SCHEME);
    }

    /**
     * Parses {@code actor:TYPE/ID/METHOD}; type, id and method follow {@link ActorNames}.
     *
     * @throws ActorException BAD_REQUEST naming the target and what is wrong with it
     */
    public static ActorTarget parse(String target) {
        String t = target == null ? "" : target.strip();
        if (!t.startsWith(SCHEME)) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST, "'" + target + "' is not actor:TYPE/ID/METHOD");
        }
        String[] parts = t.substring(SCHEME.length()).split("/", -1);
        if (parts.length != 3) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST, "'" + target + "' is not actor:TYPE/ID/METHOD");
        }
        try {
            return new ActorTarget(new ActorId(parts[0], parts[1]), parts[2]);
        } catch (ActorException e) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST,
                    "'" + target + "' is not actor:TYPE/ID/METHOD: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return SCHEME + actor + "/" + method;
    }
}
