// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.java;

import io.capaee.actors.runtime.ActorInstance;
import io.capaee.actors.store.TurnState;
import io.capaee.api.actors.Actor;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ReminderFire;
import io.capaee.api.actors.Remindable;
import io.capaee.api.actors.TimerHandler;
import jakarta.json.bind.JsonbException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;

/** One active Java actor: its object and its turn state. */
final class JavaActorInstance implements ActorInstance {
    private final JavaActorType type;
    private final ActorId id;
    private final Object actor;
    private final TurnState state;

    JavaActorInstance(JavaActorType type, ActorId id, Object actor, TurnState state) {
        this.type = type;
        this.id = id;
        this.actor = actor;
        this.state = state;
    }

    @Override
    public void beginTurn() {
        state.begin();
    }

    @Override
    public void endTurn(boolean success) {
        state.end(success);
    }

    @Override
    public void onActivate() {
        if (actor instanceof Actor a) {
            run("onActivate", a::onActivate);
        }
    }

    @Override
    public void onDeactivate() {
        if (actor instanceof Actor a) {
            run("onDeactivate", a::onDeactivate);
        }
    }

    @Override
    public ActorResponse invoke(String method, ActorRequest request) {
        Method m = type.method(method);
        if (m == null) {
            throw new ActorException(ActorException.Reason.METHOD_NOT_FOUND, "actor type '" + id.type() + "' has no method '" + method + "'");
        }
        Object result = call(m, new String(request.body(), StandardCharsets.UTF_8));
        if (m.getReturnType() == void.class || result == null) {
            return new ActorResponse(new byte[0], null);
        }
        return new ActorResponse(type.jsonb().toJson(result).getBytes(StandardCharsets.UTF_8), "application/json");
    }

    @Override
    public boolean reminder(ReminderFire fire) {
        if (!(actor instanceof Remindable r)) {
            throw new ActorException(ActorException.Reason.METHOD_NOT_FOUND, "actor type '" + id.type() + "' does not implement Remindable");
        }
        run("receiveReminder", () -> r.receiveReminder(fire));
        return false;
    }

    @Override
    public boolean timer(String callback, ReminderFire fire) {
        Method m = type.method(callback);
        if (m == null) {
            throw new ActorException(ActorException.Reason.METHOD_NOT_FOUND, "actor type '" + id.type() + "' has no method '" + callback + "'");
        }
        call(m, fire.data() == null ? "" : fire.data());
        return false;
    }

    @Override
    public void timer(TimerHandler handler) {
        run("a timer", handler::onTimer);
    }

    private Object call(Method m, String body) {
        Object[] args;
        if (m.getParameterCount() == 0) {
            args = new Object[0];
        } else if (body.isBlank()) {
            if (m.getParameterTypes()[0].isPrimitive()) {
                throw new ActorException(ActorException.Reason.BAD_REQUEST, "method '" + m.getName() + "' of " + id + " needs an argument");
            }
            args = new Object[] {null};
        } else {
            try {
                args = new Object[] {type.jsonb().fromJson(body, m.getGenericParameterTypes()[0])};
            } catch (JsonbException e) {
                throw new ActorException(ActorException.Reason.BAD_REQUEST, "the argument of method '" + m.getName() + "' of " + id
                        + " is not a JSON " + m.getParameterTypes()[0].getSimpleName() + ": " + e.getMessage(), e);
            }
        }
        try {
            return m.invoke(actor, args);
        } catch (InvocationTargetException e) {
            throw failed(m.getName(), e.getCause());
        } catch (IllegalAccessException e) {
            throw failed(m.getName(), e);
        }
    }

    private void run(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            throw failed(what, e);
        }
    }

    private ActorException failed(String method, Throwable cause) {
        if (cause instanceof ActorException ae && ae.reason() != ActorException.Reason.BAD_REQUEST) {
            return ae;
        }
        return new ActorException(ActorException.Reason.METHOD_FAILED,
                "method '" + method + "' of " + id + " threw " + cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
    }
}
