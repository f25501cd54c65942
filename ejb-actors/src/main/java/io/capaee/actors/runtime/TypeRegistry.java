// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorNames;
import io.capaee.api.actors.ActorTypeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The actor types this server hosts, each with its statistics: those registered at start or by an
 * application, and those that discovery finds when an unknown type is first addressed (remote hosts
 * that announce their types).
 */
final class TypeRegistry {
    private final Map<String, HostedType> types = new ConcurrentHashMap<>();
    private final Map<String, TypeStats> stats = new ConcurrentHashMap<>();
    private final Function<String, Optional<HostedType>> discovery;
    private final ToIntFunction<String> active;
    private final ToIntFunction<String> queued;
    private final ToIntFunction<String> reminders;
    private final List<Consumer<TypeStats>> listeners = new CopyOnWriteArrayList<>();

    /** @param active how many actors of a type are active now */
    TypeRegistry(Function<String, Optional<HostedType>> discovery, ToIntFunction<String> active) {
        this(discovery, active, type -> 0, type -> 0);
    }

    /**
     * @param queued how many calls of a type wait for their turn now
     * @param reminders how many reminders of a type are armed here now
     */
    TypeRegistry(Function<String, Optional<HostedType>> discovery, ToIntFunction<String> active, ToIntFunction<String> queued,
                 ToIntFunction<String> reminders) {
        this.discovery = discovery;
        this.active = active;
        this.queued = queued;
        this.reminders = reminders;
    }

    /** Tells {@code listener} of every type added from now on, registered or discovered. */
    void onAdded(Consumer<TypeStats> listener) {
        listeners.add(listener);
    }

    /** Hosts {@code type}; a reserved name, or a second type of the same name, is refused. */
    TypeStats register(HostedType type) {
        ActorNames.check("actor type", type.name());
        if (type.name().startsWith("dapr.internal.")) {
            throw new ActorException(Reason.BAD_REQUEST, "actor type '" + type.name() + "' is reserved");
        }
        // statistics first: a caller that finds the type finds them too
        TypeStats s = statsOf(type.name());
        if (types.putIfAbsent(type.name(), type) != null) {
            throw new ActorException(Reason.BAD_REQUEST, "actor type '" + type.name() + "' is already hosted (" + types.get(type.name()).kind() + ")");
        }
        listeners.forEach(l -> l.accept(s));
        return s;
    }

    /** The type hosted under {@code name}, if any (no discovery). */
    Optional<HostedType> hosted(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** The type hosted under {@code name}, asking discovery when there is none; refuses an unknown one. */
    HostedType type(String name) {
        HostedType t = types.get(name);
        if (t == null) {
            HostedType found = discovery.apply(name).orElse(null);
            if (found != null) {
                TypeStats s = statsOf(name);
                // two callers may discover the same type at once: the first one's stays
                if (types.putIfAbsent(name, found) == null) {
                    listeners.forEach(l -> l.accept(s));
                }
            }
            t = types.get(name);
        }
        if (t == null) {
            throw new ActorException(Reason.UNKNOWN_TYPE, "no actor type '" + name + "' is hosted here");
        }
        return t;
    }

    private TypeStats statsOf(String name) {
        return stats.computeIfAbsent(name, n -> new TypeStats(n, () -> active.applyAsInt(n), () -> queued.applyAsInt(n),
                () -> reminders.applyAsInt(n)));
    }

    /** The statistics of a hosted type. */
    TypeStats stats(String name) {
        return stats.get(name);
    }

    Map<String, TypeStats> stats() {
        return Map.copyOf(stats);
    }

    Set<String> names() {
        return new TreeSet<>(types.keySet());
    }

    /** One line per type, by name. */
    List<ActorTypeStatus> status() {
        List<ActorTypeStatus> list = new ArrayList<>();
        for (String name : names()) {
            HostedType t = types.get(name);
            TypeStats s = stats.get(name);
            list.add(new ActorTypeStatus(name, t.kind(), s.getActive(), s.getActivations(), s.getDeactivations(), s.getCalls(), s.getErrors(),
                    s.getCallMillisTotal(), s.getQueued(), s.getReminders()));
        }
        return list;
    }
}
