// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.java;

import io.capaee.api.config.Durations;
import io.capaee.actors.runtime.ActorInstance;
import io.capaee.actors.runtime.ActorSite;
import io.capaee.actors.store.TurnState;
import io.capaee.actors.runtime.HostedType;
import io.capaee.api.actors.Actor;
import io.capaee.api.actors.ActorContext;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorMethod;
import io.capaee.api.actors.ActorType;
import io.capaee.api.actors.Remindable;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Java actor class: checked once when it is registered (annotation, constructor, method names),
 * then instantiated per active actor id.
 */
public final class JavaActorType implements HostedType {
    private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString", "getClass", "notify", "notifyAll", "wait");

    private final Class<?> actorClass;
    private final String name;
    private final Optional<Duration> idleTimeout;
    private final Constructor<?> constructor;
    private final Map<String, Method> methods = new HashMap<>();
    private final Jsonb jsonb;

    public JavaActorType(Class<?> actorClass, Jsonb jsonb) {
        this.actorClass = actorClass;
        this.jsonb = jsonb;
        ActorType annotation = actorClass.getAnnotation(ActorType.class);
        if (annotation == null) {
            throw invalid("is not annotated @ActorType");
        }
        if (!Modifier.isPublic(actorClass.getModifiers()) || Modifier.isAbstract(actorClass.getModifiers())) {
            throw invalid("must be a public, concrete class");
        }
        this.name = annotation.value();
        try {
            this.idleTimeout = annotation.idleTimeout().isBlank() ? Optional.empty() : Optional.of(Durations.parse(annotation.idleTimeout()));
        } catch (java.time.format.DateTimeParseException e) {
            throw invalid("has an idleTimeout that is not an ISO-8601 duration: " + annotation.idleTimeout());
        }
        this.constructor = constructor(actorClass);
        for (Method m : actorClass.getMethods()) {
            if (m.getDeclaringClass() == Object.class || m.getDeclaringClass() == Actor.class || m.getDeclaringClass() == Remindable.class
                    || Modifier.isStatic(m.getModifiers()) || OBJECT_METHODS.contains(m.getName()) || m.getParameterCount() > 1
                    || isLifecycle(m)) {
                continue;
            }
            ActorMethod wire = m.getAnnotation(ActorMethod.class);
            String wireName = wire == null ? m.getName() : wire.value();
            Method previous = methods.put(wireName, m);
            if (previous != null) {
                throw invalid("has two methods named '" + wireName + "' (overloads are not callable by name; use @ActorMethod)");
            }
        }
    }

    private static boolean isLifecycle(Method m) {
        return m.getParameterCount() == 0 && (m.getName().equals("onActivate") || m.getName().equals("onDeactivate"))
                || m.getName().equals("receiveReminder") && m.getParameterCount() == 1
                        && m.getParameterTypes()[0] == io.capaee.api.actors.ReminderFire.class;
    }

    private Constructor<?> constructor(Class<?> cls) {
        try {
            return cls.getConstructor(ActorContext.class);
        } catch (NoSuchMethodException e) {
            try {
                return cls.getConstructor();
            } catch (NoSuchMethodException e2) {
                throw invalid("needs a public constructor taking an ActorContext, or none");
            }
        }
    }

    private ActorException invalid(String why) {
        return new ActorException(ActorException.Reason.BAD_REQUEST, "actor class " + actorClass.getName() + " " + why);
    }

    public Class<?> actorClass() {
        return actorClass;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "java";
    }

    @Override
    public Optional<Duration> idleTimeout() {
        return idleTimeout;
    }

    Method method(String wireName) {
        return methods.get(wireName);
    }

    Jsonb jsonb() {
        return jsonb;
    }

    @Override
    public ActorInstance create(ActorSite site) {
        ActorId id = site.id();
        TurnState state = site.state(jsonb);
        JavaActorContext context = new JavaActorContext(site, state);
        Object actor;
        try {
            actor = constructor.getParameterCount() == 1 ? constructor.newInstance(context) : constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new ActorException(ActorException.Reason.METHOD_FAILED, "constructing " + id + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new ActorException(ActorException.Reason.METHOD_FAILED, "constructing " + id + " failed: " + e, e);
        }
        return new JavaActorInstance(this, id, actor, state);
    }

    @Override
    public void checkReminders() {
        if (!Remindable.class.isAssignableFrom(actorClass)) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST,
                    "actor type '" + name + "' (" + actorClass.getName() + ") does not implement Remindable, so it cannot receive reminders");
        }
    }

    @Override
    public void checkTimerCallback(String callback) {
        if (callback == null || callback.isBlank()) {
            throw new ActorException(ActorException.Reason.BAD_SCHEDULE, "a timer of actor type '" + name + "' needs a callback method");
        }
        if (!methods.containsKey(callback)) {
            throw new ActorException(ActorException.Reason.BAD_SCHEDULE,
                    "timer callback '" + callback + "' is not a method of actor type '" + name + "'");
        }
    }
}
