// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.remote;

import io.capaee.actors.runtime.ActorInstance;
import io.capaee.actors.runtime.ActorSite;
import io.capaee.actors.runtime.HostedType;
import io.capaee.actors.runtime.Reentrancy;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorResponse;
import io.capaee.api.actors.ReminderFire;
import io.capaee.api.json.Jsonp;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * An actor type implemented by a remote Dapr-style host. The runtime keeps the turn lock here, so
 * the host sees one call at a time per actor; reminders and timers are delivered as Dapr's
 * {@code method/remind/{name}} and {@code method/timer/{name}} callbacks.
 */
public final class RemoteActorType implements HostedType {
    private static final JsonProvider JSON = Jsonp.provider();
    private final String name;
    private final RemoteHost host;
    private final Optional<Duration> idleTimeout;
    private final Optional<Reentrancy> reentrancy;

    public RemoteActorType(String name, RemoteHost host, Optional<Duration> idleTimeout) {
        this(name, host, idleTimeout, Optional.empty());
    }

    /** @param reentrancy what the host's {@code /dapr/config} says; empty: the server setting */
    public RemoteActorType(String name, RemoteHost host, Optional<Duration> idleTimeout, Optional<Reentrancy> reentrancy) {
        this.name = name;
        this.host = host;
        this.idleTimeout = idleTimeout;
        this.reentrancy = reentrancy;
    }

    @Override
    public Optional<Reentrancy> reentrancy() {
        return reentrancy;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "remote";
    }

    @Override
    public Optional<Duration> idleTimeout() {
        return idleTimeout;
    }

    public RemoteHost host() {
        return host;
    }

    @Override
    public ActorInstance create(ActorSite site) {
        ActorId id = site.id();
        return new ActorInstance() {
            @Override
            public ActorResponse invoke(String method, ActorRequest request) {
                return host.method(id, method, request, false);
            }

            @Override
            public CompletionStage<ActorResponse> invokeAsync(String method, ActorRequest request) {
                return host.methodAsync(id, method, request);
            }

            @Override
            public boolean reminder(ReminderFire fire) {
                return host.method(id, "remind/" + fire.name(), body(fire, null), true) == null;
            }

            @Override
            public boolean timer(String callback, ReminderFire fire) {
                return host.method(id, "timer/" + fire.name(), body(fire, callback == null ? "" : callback), true) == null;
            }

            @Override
            public void onDeactivate() {
                host.deactivate(id);
            }
        };
    }

    private static ActorRequest body(ReminderFire fire, String callback) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        if (callback != null) {
            b.add("callback", callback);
        }
        if (fire.data() != null) {
            try (var reader = JSON.createReader(new StringReader(fire.data()))) {
                b.add("data", reader.readValue());
            }
        }
        b.add("dueTime", fire.dueTime()).add("period", fire.period());
        return ActorRequest.json(b.build().toString());
    }
}
