// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ReminderFire;
import io.capaee.api.actors.TimerHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/** An actor kind for the parts' own tests: it records what the runtime asks of it, and the sites it is given. */
final class RecordingKind implements HostedType {
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<ActorSite> sites = new CopyOnWriteArrayList<>();
    private final String name;
    private final Optional<Duration> idleTimeout;
    volatile RuntimeException failOnActivate;
    volatile RuntimeException failOnDeactivate;
    /** What a call of a method answers, given the actor's site and the method's name. */
    volatile BiFunction<ActorSite, String, String> onCall = (site, method) -> method;

    RecordingKind(String name, Optional<Duration> idleTimeout) {
        this.name = name;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "recording";
    }

    @Override
    public Optional<Duration> idleTimeout() {
        return idleTimeout;
    }

    @Override
    public ActorInstance create(ActorSite site) {
        sites.add(site);
        return new ActorInstance() {
            @Override
            public void beginTurn() {
                events.add("begin");
            }

            @Override
            public void endTurn(boolean success) {
                events.add("end " + success);
            }

            @Override
            public void onActivate() {
                events.add("activate");
                if (failOnActivate != null) {
                    throw failOnActivate;
                }
            }

            @Override
            public void onDeactivate() {
                events.add("deactivate");
                if (failOnDeactivate != null) {
                    throw failOnDeactivate;
                }
            }

            @Override
            public ActorResponse invoke(String method, ActorRequest request) {
                events.add("call " + method);
                return new ActorResponse(onCall.apply(site, method).getBytes(StandardCharsets.UTF_8), "text/plain");
            }

            @Override
            public boolean reminder(ReminderFire fire) {
                events.add("reminder " + fire.name());
                return false;
            }

            @Override
            public boolean timer(String callback, ReminderFire fire) {
                events.add("timer " + callback);
                return false;
            }

            @Override
            public void timer(TimerHandler handler) {
                events.add("own timer");
                handler.onTimer();
            }
        };
    }
}
