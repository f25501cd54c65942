// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import com.google.protobuf.ByteString;
import com.google.protobuf.Empty;
import io.capaee.api.actors.EventTarget;
import io.capaee.api.inbound.InboundMessage;
import io.capaee.grpc.AppCallbackChannels;
import io.dapr.v1.DaprAppCallbackProtos.BindingEventRequest;
import io.grpc.StatusRuntimeException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Delivers input-binding events to a gRPC app, a target {@code grpc://host:port/NAME} ({@code grpcs://} for TLS), with
 * Dapr's contract for apps that serve its {@code AppCallback} service: the app must list {@code NAME} in
 * {@code ListInputBindings} (asked once per target until it does; an app that does not list it refuses the event, as
 * an HTTP app's 404 to {@code OPTIONS}), then each event is an {@code OnBindingEvent} with {@code NAME}, the raw data
 * and the event's metadata, plus {@code capa-attempt}. An OK answer is success; any other status, or none within
 * {@link AppDelivery#TIMEOUT}, throws, so that the resource adapter retries and then dead-letters. The event's trace
 * context ({@code traceparent}, {@code tracestate}) goes in the call's metadata too.
 */
@ApplicationScoped
public class GrpcAppDelivery {
    private final AppCallbackChannels channels = new AppCallbackChannels();
    private final Set<String> listed = ConcurrentHashMap.newKeySet();

    /** @param app the spec's target, a {@code grpc(s)://} URL whose path is the binding's name as the app lists it */
    public void deliver(InboundMessage message, EventTarget app) throws InputBindingException {
        URI target = URI.create(app.app());
        String name = bindingName(target);
        probe(target, name);
        BindingEventRequest request = BindingEventRequest.newBuilder().setName(name)
                .setData(ByteString.copyFrom(message.data())).putAllMetadata(message.metadata())
                .putMetadata("capa-attempt", Integer.toString(message.attempt())).build();
        try {
            // the delivery's trace context also goes in the call's metadata, where Dapr's apps read it
            AppCallbackChannels.withHeaders(channels.stub(target), InboundTraces.fields(message)).withDeadlineAfter(AppDelivery.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).onBindingEvent(request);
        } catch (StatusRuntimeException e) {
            throw new InputBindingException("the gRPC app at " + target + " answered " + e.getStatus().getCode()
                    + describe(e) + " to OnBindingEvent for an event from " + message.destination(), e);
        }
    }

    private void probe(URI target, String name) throws InputBindingException {
        String key = target.getScheme() + "://" + target.getAuthority() + "/" + name;
        if (listed.contains(key)) {
            return;
        }
        List<String> bindings;
        try {
            bindings = channels.stub(target).withDeadlineAfter(AppDelivery.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .listInputBindings(Empty.getDefaultInstance()).getBindingsList();
        } catch (StatusRuntimeException e) {
            throw new InputBindingException("the gRPC app at " + target + " answered " + e.getStatus().getCode()
                    + describe(e) + " to ListInputBindings", e);
        }
        if (!bindings.contains(name)) {
            throw new InputBindingException("the gRPC app at " + target + " does not list the input binding '" + name
                    + "' in ListInputBindings (it lists " + bindings + ")");
        }
        listed.add(key);
    }

    /** The binding's name as the app knows it: the URL's path, which Dapr would fill with the component's name. */
    private static String bindingName(URI target) throws InputBindingException {
        String path = target.getPath() == null ? "" : target.getPath().replaceAll("^/+|/+$", "");
        if (!EventTarget.isName(path)) {
            throw new InputBindingException("the gRPC app target " + target
                    + " must name the binding as the app lists it: grpc://HOST:PORT/NAME");
        }
        return path;
    }

    private static String describe(StatusRuntimeException e) {
        return e.getStatus().getDescription() == null ? "" : " (" + e.getStatus().getDescription() + ")";
    }

    @PreDestroy
    void close() {
        channels.close();
    }
}
