// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.actors;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorGroupMember;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorNames;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ActorRuntime;
import io.capaee.api.actors.ActorTypeStatus;
import io.capaee.api.actors.ReminderView;
import io.capaee.api.actors.ScheduleSpec;
import io.capaee.api.actors.StateOperation;
import io.capaee.proxy.dapr.DaprException;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The actor runtime as Dapr's actor API sees it, over HTTP ({@link ActorsResource}) and gRPC alike: names checked
 * as Dapr checks them, and every refusal of the runtime as Dapr's status and error code for the operation it
 * happened in ({@link ActorErrors}).
 */
@ApplicationScoped
public class DaprActors {
    @EJB(lookup = "java:app/ejb-actors/ActorRuntimeBean!io.capaee.api.actors.ActorRuntime")
    ActorRuntime runtime;

    /** For CDI, which injects the runtime. */
    public DaprActors() {}

    public DaprActors(ActorRuntime runtime) {
        this.runtime = runtime;
    }

    /** The actor a call names; 400 for a bad name, 403 for a type Dapr reserves. */
    public static ActorId actor(String type, String id) {
        try {
            ActorId actor = new ActorId(type, id);
            if (type.startsWith("dapr.internal.")) {
                throw new DaprException(403, "ERR_ACTOR_TYPE_RESERVED", "actor type '" + type + "' is reserved");
            }
            return actor;
        } catch (ActorException e) {
            throw ActorErrors.badName(e);
        }
    }

    /** A reminder or timer name; 400 when Dapr would refuse it. */
    public static void checkName(String name) {
        try {
            ActorNames.check("name", name);
        } catch (ActorException e) {
            throw ActorErrors.badName(e);
        }
    }

    public List<ActorTypeStatus> status() {
        return runtime.status();
    }

    /** The servers sharing this server's actors (empty on a single server). */
    public List<ActorGroupMember> members() {
        return runtime.members();
    }

    /**
     * For an operation another server forwarded here ({@code Capa-Actor-Forwarded}): the runtime as the
     * actor's owner, which runs it here or refuses it (503), never forwarding it again.
     */
    public DaprActors forwarded(String header) {
        return header == null || header.isBlank() ? this : new DaprActors(runtime.here());
    }

    /**
     * Calls an actor method from a request thread: an idle actor's turn runs on it ({@link ActorRuntime#invokeOnCaller}),
     * a busy actor's call waits for its turn without holding it and runs on the runtime's threads; {@code done} gets
     * the answer or the refusal.
     */
    public void invoke(ActorId actor, String method, ActorRequest request, BiConsumer<ActorResponse, DaprException> done) {
        call(ActorErrors.INVOKE, () -> runtime.invokeOnCaller(actor, method, request)).whenComplete((response, e) -> {
            if (e == null) {
                done.accept(response, null);
            } else {
                done.accept(null, failure(e));
            }
        });
    }

    public Optional<String> state(ActorId actor, String key) {
        return call(ActorErrors.STATE_GET, () -> runtime.getState(actor, key));
    }

    public void transaction(ActorId actor, List<StateOperation> operations) {
        run(ActorErrors.STATE_SAVE, () -> runtime.transaction(actor, operations));
    }

    public void createReminder(ActorId actor, String name, ScheduleSpec spec, boolean overwrite) {
        checkName(name);
        run(ActorErrors.REMINDER_CREATE, () -> runtime.createReminder(actor, name, spec, overwrite));
    }

    /** The reminder; 404 (ERR_ACTOR_REMINDER_NOT_FOUND) when there is none. */
    public ReminderView reminder(ActorId actor, String name) {
        return call(ActorErrors.REMINDER_GET, () -> runtime.getReminder(actor, name)).orElseThrow(
                () -> new DaprException(404, "ERR_ACTOR_REMINDER_NOT_FOUND", "no reminder '" + name + "' for " + actor));
    }

    public void deleteReminder(ActorId actor, String name) {
        run(ActorErrors.REMINDER_DELETE, () -> runtime.deleteReminder(actor, name));
    }

    public void createTimer(ActorId actor, String name, ScheduleSpec spec) {
        checkName(name);
        run(ActorErrors.TIMER_CREATE, () -> runtime.createTimer(actor, name, spec));
    }

    /** Like recent Dapr: deleting a timer that is not there is not an error. */
    public void deleteTimer(ActorId actor, String name) {
        run(ActorErrors.TIMER_DELETE, () -> runtime.deleteTimer(actor, name));
    }

    /** What a failed invocation says, as the Dapr error it answers with. */
    private static DaprException failure(Throwable e) {
        while ((e instanceof CompletionException || e instanceof EJBException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ActorException ae) {
            return ActorErrors.INVOKE.of(ae);
        }
        if (e instanceof DaprException d) {
            return d;
        }
        return new DaprException(500, "ERR_ACTOR_INVOKE_METHOD", "the actor call failed: " + e);
    }

    private static void run(ActorErrors op, Runnable call) {
        call(op, () -> {
            call.run();
            return null;
        });
    }

    private static <T> T call(ActorErrors op, Supplier<T> call) {
        try {
            return call.get();
        } catch (ActorException e) {
            throw op.of(e);
        } catch (EJBException e) {
            if (e.getCause() instanceof ActorException ae) {
                throw op.of(ae);
            }
            throw e;
        }
    }
}
