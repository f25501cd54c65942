// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorTarget;
import io.capaee.api.actors.EventTarget;
import io.capaee.api.actors.InvalidTargetException;
import io.capaee.api.actors.ActorRequest;
import io.capaee.api.actors.ActorRuntime;
import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingException;
import io.capaee.api.binding.OutputBindingFactory;
import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.security.SecuritySettings;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.context.Scope;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends an input-binding event to the target its activation spec names ({@link EventTarget}):
 * <ul>
 * <li>{@code http(s)://...}: an application URL, with Dapr's contract ({@link AppDelivery});
 * <li>{@code grpc(s)://host:port/NAME}: an app that serves Dapr's {@code AppCallback} service, with Dapr's contract
 * for gRPC apps ({@link GrpcAppDelivery});
 * <li>{@code function:<name>[/<revision>]}: a wasm function of this server (POST to the functions
 * platform, {@code capa.bindings.functions-url}); the function's 2xx answer acknowledges the event;
 * <li>{@code binding:<name>}: the output binding {@code eis/binding/<name>}, operation
 * {@code create}, with the event's data and metadata: a source-to-sink pipeline in which the
 * event is acknowledged only after the sink took it (e.g. JetStream to Kafka);
 * <li>{@code actor:<type>/<id>/<method>}: a method of a virtual actor of this server, called in a
 * turn of its own with the event's data as the body; the event is acknowledged when the method
 * returned, retried (and in the end dead-lettered) when it threw or the actor is unknown.
 * </ul>
 */
@ApplicationScoped
public class TargetDelivery {
    private final Map<String, OutputBindingFactory> factories = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    AppDelivery app;

    @Inject
    GrpcAppDelivery grpcApp;

    @Inject
    Traces traces;

    // another EJB module's bean: named, not left to the container's matching by interface
    @EJB(lookup = "java:app/ejb-actors/ActorRuntimeBean!io.capaee.api.actors.ActorRuntime")
    ActorRuntime actors;

    @Inject
    @ConfigProperty(name = "capa.bindings.functions-url")
    String functionsUrl;

    @Inject
    @ConfigProperty(name = SecuritySettings.APP_TOKEN_KEY)
    Optional<String> appToken;

    public void deliver(InboundMessage message) throws InputBindingException {
        try (TraceSpan span = InboundTraces.deliver(traces, message); Scope in = span.enter()) {
            try {
                route(InboundTraces.withContext(span, message));
            } catch (RuntimeException e) { // an InputBindingException as well
                span.failed(e);
                throw e;
            }
        }
    }

    private void route(InboundMessage message) throws InputBindingException {
        EventTarget target = target(message);
        switch (target.kind()) {
            case FUNCTION -> app.toFunction(message, URI.create(functionsUrl.replaceAll("/+$", "") + "/" + target.functionPath()),
                    SecuritySettings.ownAppToken(appToken));
            case BINDING -> toBinding(message, target.name());
            case ACTOR -> toActor(message, target.actor());
            default -> {
                if (target.isGrpc()) {
                    grpcApp.deliver(message, target);
                } else {
                    app.deliver(message, target);
                }
            }
        }
    }

    private static EventTarget target(InboundMessage message) throws InputBindingException {
        if (message.target().isBlank()) {
            throw new InputBindingException("the activation spec of this input binding has no 'target' URL");
        }
        try {
            return EventTarget.parse(message.target());
        } catch (InvalidTargetException e) {
            throw new InputBindingException("target " + e.getMessage(), e);
        }
    }

    private void toBinding(InboundMessage message, String name) throws InputBindingException {
        OutputBindingFactory factory = factories.get(name);
        if (factory == null) {
            try {
                factory = InitialContext.doLookup("eis/binding/" + name);
            } catch (NamingException | ClassCastException e) {
                throw new InputBindingException("no output binding eis/binding/" + name + ": " + e.getMessage(), e);
            }
            factories.put(name, factory); // the container's factory stays valid while the application runs
        }
        Map<String, String> metadata = new HashMap<>(message.metadata());
        // where the event came from is not where it goes: the sink's own topic/subject applies
        metadata.keySet().removeAll(java.util.Set.of("topic", "subject", "stream", "sequence", "redelivered", "partition",
                "offset", "timestamp", "id", "replyTo"));
        // and whoever can publish to the source must not choose where the sink sends it (an HTTP
        // binding's path, a Redis binding's key prefix): those stay the sink's configuration
        metadata.keySet().removeAll(java.util.Set.of("path", "keyPrefix", "url"));
        if (message.key() != null) {
            metadata.put("key", message.key());
        }
        try (OutputBinding binding = factory.getConnection()) {
            binding.invoke("create", message.data(), metadata);
        } catch (OutputBindingException e) {
            throw new InputBindingException("output binding " + name + " refused the event: " + e.getMessage(), e);
        }
    }

    private void toActor(InboundMessage message, ActorTarget actor) throws InputBindingException {
        String contentType = message.metadata().getOrDefault("content-type", message.metadata().get("Content-Type"));
        try {
            actors.invoke(actor.actor(), actor.method(), new ActorRequest(message.data(), contentType, null));
        } catch (ActorException e) {
            throw new InputBindingException("actor " + actor.actor() + " refused the event ("
                    + e.reason() + "): " + e.getMessage(), e);
        }
    }
}
