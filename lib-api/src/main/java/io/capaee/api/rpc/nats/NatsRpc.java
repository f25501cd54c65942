// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc.nats;

import io.capaee.api.rpc.InvalidMessageException;
import io.capaee.api.rpc.MessageBus;
import io.capaee.api.rpc.RemoteException;
import io.capaee.api.rpc.RpcCallException;
import io.capaee.api.rpc.RpcChannel;
import io.capaee.api.rpc.RpcException;
import io.capaee.api.rpc.RpcHandler;
import io.capaee.api.rpc.RpcServer;
import io.capaee.api.rpc.RpcTimeoutException;
import io.capaee.api.rpc.RpcTransport;
import io.capaee.api.rpc.TransportException;
import io.capaee.api.rpc.UnknownMethodException;
import io.capaee.api.rpc.codec.CapabilityCodec;
import io.capaee.api.rpc.codec.CaraCodec;
import io.capaee.api.rpc.codec.DecodeException;
import io.capaee.api.rpc.codec.EncodeException;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.InterfaceSchema;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.ExtensionTypeHeader;

/**
 * RPC over NATS request/reply, both as client ({@link RpcTransport}) and server
 * ({@link #serve}). A call to service {@code S} is a request on {@code {prefix}.svc.S} (servers
 * share it as a queue group) with header {@code Capa-Rpc-Method} and the parameters in cara
 * msgpack; the reply holds the results, or header {@code Capa-Rpc-Error} (an
 * {@code ERR_RPC_*} code), {@code Capa-Rpc-Remote-Type} and the message as text.
 *
 * <p>An interface value in parameters or results (a callback, cara's capability) is exported by
 * its sender and travels as msgpack extension 100 holding {@code [peer id, object id, interface
 * id]}; the receiver gets an {@link RpcChannel} whose calls go to
 * {@code {prefix}.cap.{peer}.{object}}, dispatched by (interface id, method id) as cara does.
 * Unlike cara, exports do not live forever: those passed in a call's parameters are released
 * when that call ends (answered, failed or timed out), those in results after
 * {@link Settings#capabilityIdle()} without use; a call to a released one fails clearly, and a
 * call to a peer that went away fails as a {@link TransportException}.
 */
public final class NatsRpc implements RpcTransport, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NatsRpc.class.getName());
    public static final String METHOD_HEADER = "Capa-Rpc-Method";
    public static final String INTERFACE_HEADER = "Capa-Rpc-Interface";
    public static final String METHOD_ID_HEADER = "Capa-Rpc-Method-Id";
    public static final String ERROR_HEADER = "Capa-Rpc-Error";
    public static final String REMOTE_TYPE_HEADER = "Capa-Rpc-Remote-Type";
    /** cara's extension type for an interface object of the sender. */
    public static final byte CAPABILITY_EXT = 100;

    /** Subject prefix, call timeout, idle time of capabilities returned in results, and codec strictness. */
    public record Settings(String prefix, Duration timeout, Duration capabilityIdle, boolean strict) {
        public static Settings defaults() {
            return new Settings("capa.rpc", Duration.ofSeconds(10), Duration.ofMinutes(1), false);
        }

        public Settings withPrefix(String p) {
            return new Settings(p, timeout, capabilityIdle, strict);
        }

        public Settings withTimeout(Duration t) {
            return new Settings(prefix, t, capabilityIdle, strict);
        }

        public Settings withCapabilityIdle(Duration d) {
            return new Settings(prefix, timeout, d, strict);
        }
    }

    private record Export(InterfaceSchema iface, RpcHandler handler, boolean callScoped, AtomicLong lastUsed) {}

    /** The capabilities exported while encoding one call's parameters: released when the call ends. */
    private final class CallScope {
        private final List<Long> ids = new ArrayList<>();

        synchronized void add(long id) {
            ids.add(id);
        }

        synchronized void release() {
            ids.forEach(exports::remove);
            ids.clear();
        }
    }

    private final MessageBus bus;
    private final Settings settings;
    private final Executor executor;
    private final List<MessageBus.Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final String peerId = UUID.randomUUID().toString().replace("-", "");
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, Export> exports = new ConcurrentHashMap<>();
    private final Traces traces;

    /**
     * @param executor runs the calls this side answers (services and exported capabilities), off
     *     the NATS dispatcher thread so that an implementation may itself call out (callbacks)
     */
    public NatsRpc(MessageBus bus, Settings settings, Executor executor) {
        this(bus, settings, executor, Traces.off());
    }

    /**
     * As {@link #NatsRpc(MessageBus, Settings, Executor)}, with a span for each call made and answered, whose
     * context travels in the NATS headers ({@code traceparent}).
     */
    public NatsRpc(MessageBus bus, Settings settings, Executor executor, Traces traces) {
        this.traces = traces;
        this.bus = bus;
        this.settings = settings;
        this.executor = executor;
        subscriptions.add(bus.subscribe(settings.prefix() + ".cap." + peerId + ".*", null,
                m -> executor.execute(() -> onCapabilityCall(m))));
    }

    /** This peer's id, the middle of its capability subjects. */
    public String peerId() {
        return peerId;
    }

    /** How many exported capabilities are alive (for monitoring and tests). */
    public int exportedCapabilities() {
        purgeIdle();
        return exports.size();
    }

    /** Answers calls to {@code service} of {@code server} on {@code {prefix}.svc.{service}}. */
    public void serve(RpcServer server, String service) {
        server.service(service).orElseThrow(() -> new RpcException("no RPC service named '" + service + "' to serve"));
        String subject = serviceSubject(service);
        subscriptions.add(bus.subscribe(subject, subject, m -> executor.execute(() -> onServiceCall(server, service, m))));
    }

    public String serviceSubject(String service) {
        return settings.prefix() + ".svc." + service;
    }

    @Override
    public DynamicStruct call(String service, InterfaceSchema.MethodRef method, DynamicStruct params) {
        Map<String, String> h = Map.of(METHOD_HEADER, method.method().name());
        return request(serviceSubject(service), h, method, params, "service '" + service + "'", service);
    }

    /**
     * A call, in a client span when tracing is on, whose context goes in the request's headers.
     *
     * @param traced the name of the service or interface called, for its span
     */
    private DynamicStruct request(String subject, Map<String, String> headers, InterfaceSchema.MethodRef method,
            DynamicStruct params, String target, String traced) {
        if (!traces.on()) {
            // nothing of OpenTelemetry's is touched: a client outside the server may not have its API
            return exchange(subject, headers, method, params, target);
        }
        try (TraceSpan span = NatsRpcTraces.client(traces, traced, method.method().name())) {
            try {
                return exchange(subject, NatsRpcTraces.withContext(span, headers), method, params, target);
            } catch (RuntimeException e) {
                span.failed(e);
                throw e;
            }
        }
    }

    private DynamicStruct exchange(String subject, Map<String, String> headers, InterfaceSchema.MethodRef method,
            DynamicStruct params, String target) {
        CallScope scope = new CallScope();
        try {
            CaraCodec codec = codec(scope);
            byte[] body = codec.encode(params);
            MessageBus.Message reply = send(subject, headers, body, target + " (" + RpcServer.describe(method) + ")");
            String error = reply.header(ERROR_HEADER);
            if (error != null) {
                String remoteType = reply.header(REMOTE_TYPE_HEADER);
                throw RpcCallException.fromWire(error, remoteType == null ? "unknown" : remoteType,
                        new String(reply.data(), StandardCharsets.UTF_8));
            }
            try {
                return codec.decode(method.method().results(), reply.data());
            } catch (DecodeException e) {
                throw new InvalidMessageException("the answer of " + RpcServer.describe(method) + " does not decode: "
                        + e.getMessage(), e);
            }
        } finally {
            scope.release();
        }
    }

    private MessageBus.Message send(String subject, Map<String, String> headers, byte[] body, String what) {
        try {
            return bus.request(subject, headers, body, settings.timeout());
        } catch (RpcTimeoutException e) {
            throw new RpcTimeoutException("no answer from " + what + " within " + settings.timeout().toMillis() + " ms", e);
        } catch (TransportException e) {
            throw new TransportException("cannot reach " + what + ": " + e.getMessage(), e);
        }
    }

    // the answering side

    private void onServiceCall(RpcServer server, String service, MessageBus.Message m) {
        answer(m, () -> {
            String method = m.header(METHOD_HEADER);
            if (method == null) {
                throw new InvalidMessageException("the request has no " + METHOD_HEADER + " header");
            }
            InterfaceSchema.MethodRef ref = server.method(service, method);
            RpcHandler handler = server.service(service).orElseThrow().handler();
            return traced(m, service, method, () -> RpcServer.invoke(handler, ref, m.data(), codec(null)));
        });
    }

    private void onCapabilityCall(MessageBus.Message m) {
        answer(m, () -> {
            String subject = m.subject();
            long id;
            long ifaceId;
            int methodId;
            try {
                id = Long.parseLong(subject.substring(subject.lastIndexOf('.') + 1));
                ifaceId = Long.parseUnsignedLong(m.header(INTERFACE_HEADER), 16);
                methodId = Integer.parseInt(m.header(METHOD_ID_HEADER));
            } catch (RuntimeException e) {
                throw new InvalidMessageException("a capability call needs headers " + INTERFACE_HEADER + " and "
                        + METHOD_ID_HEADER + ": " + e.getMessage());
            }
            purgeIdle();
            Export export = exports.get(id);
            if (export == null) {
                throw new UnknownMethodException("capability " + id + " of peer " + peerId
                        + " was released (the call that passed it ended, or it was idle too long)");
            }
            export.lastUsed().set(System.nanoTime());
            InterfaceSchema.MethodRef ref = export.iface().method(ifaceId, methodId).orElseThrow(
                    () -> new UnknownMethodException(export.iface().qualifiedName() + " has no method " + methodId
                            + " of interface 0x" + Long.toHexString(ifaceId)));
            return traced(m, export.iface().qualifiedName(), ref.method().name(),
                    () -> RpcServer.invoke(export.handler(), ref, m.data(), codec(null)));
        });
    }

    /** Runs an implementation in the server span of {@code request}, which continues the caller's span from its headers. */
    private byte[] traced(MessageBus.Message request, String service, String method, Answer call) {
        if (!traces.on()) {
            return call.get(); // nothing of OpenTelemetry's is touched: a client outside the server may not have its API
        }
        TraceSpan span = NatsRpcTraces.server(traces, service, method, request);
        try (span; Scope in = span.enter()) {
            return call.get();
        } catch (RuntimeException e) {
            span.failed(e);
            throw e;
        }
    }

    private interface Answer {
        byte[] get();
    }

    private void answer(MessageBus.Message request, Answer answer) {
        if (request.replyTo() == null) {
            return;
        }
        Map<String, String> h = new HashMap<>();
        byte[] body;
        try {
            body = answer.get();
        } catch (RpcCallException e) {
            h.put(ERROR_HEADER, e.errorCode());
            String message = e.getMessage();
            if (e instanceof RemoteException r) {
                h.put(REMOTE_TYPE_HEADER, r.remoteType());
                message = r.remoteMessage();
            }
            body = message.getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            h.put(ERROR_HEADER, RemoteException.CODE);
            h.put(REMOTE_TYPE_HEADER, e.getClass().getName());
            body = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
        }
        try {
            bus.publish(request.replyTo(), h, body);
        } catch (RuntimeException e) {
            // the caller times out; nothing else can be told
            LOG.warning(() -> "cannot answer on " + request.replyTo() + ": " + e);
        }
    }

    // capabilities

    private CaraCodec codec(CallScope scope) {
        CaraCodec base = settings.strict() ? CaraCodec.strict() : CaraCodec.lenient();
        return base.withCapabilities(new CapabilityCodec() {
            @Override
            public void write(MessagePacker packer, InterfaceSchema type, Object capability) throws IOException {
                long id = export(type, asHandler(type, capability), scope);
                try (var p = MessagePack.newDefaultBufferPacker()) {
                    p.packArrayHeader(3).packString(peerId).packLong(id).packLong(type.id());
                    byte[] payload = p.toByteArray();
                    packer.packExtensionTypeHeader(CAPABILITY_EXT, payload.length);
                    packer.writePayload(payload);
                }
            }

            @Override
            public Object read(MessageUnpacker unpacker, InterfaceSchema type) throws IOException {
                MessageFormat f = unpacker.getNextFormat();
                if (f != MessageFormat.EXT8 && f != MessageFormat.FIXEXT1 && f != MessageFormat.FIXEXT2
                        && f != MessageFormat.FIXEXT4 && f != MessageFormat.FIXEXT8 && f != MessageFormat.FIXEXT16
                        && f != MessageFormat.EXT16 && f != MessageFormat.EXT32) {
                    throw new DecodeException("expected a capability (msgpack extension " + CAPABILITY_EXT + ") for "
                            + type.displayName() + ", got " + f.getValueType().name().toLowerCase());
                }
                ExtensionTypeHeader h = unpacker.unpackExtensionTypeHeader();
                if (h.getType() != CAPABILITY_EXT) {
                    throw new DecodeException("expected msgpack extension " + CAPABILITY_EXT + " for " + type.displayName()
                            + ", got extension " + h.getType());
                }
                try (MessageUnpacker u = MessagePack.newDefaultUnpacker(unpacker.readPayload(h.getLength()))) {
                    if (u.unpackArrayHeader() != 3) {
                        throw new DecodeException("a capability is [peer id, object id, interface id]");
                    }
                    String peer = u.unpackString();
                    long object = u.unpackLong();
                    u.unpackBigInteger();
                    return new RemoteCapability(peer, object, type);
                }
            }
        });
    }

    private RpcHandler asHandler(InterfaceSchema type, Object capability) {
        if (capability instanceof RpcHandler h) {
            return h;
        }
        if (capability instanceof RpcChannel c) {
            // passing on a capability received from elsewhere relays its calls through here, as cara does
            return c::call;
        }
        throw new EncodeException("an " + type.displayName() + " capability must be an RpcHandler (for generated "
                + "interfaces: " + type.name() + ".handler(impl)), got " + capability.getClass().getName());
    }

    private long export(InterfaceSchema type, RpcHandler handler, CallScope scope) {
        purgeIdle();
        long id = nextId.incrementAndGet();
        exports.put(id, new Export(type, handler, scope != null, new AtomicLong(System.nanoTime())));
        if (scope != null) {
            scope.add(id);
        }
        return id;
    }

    private void purgeIdle() {
        long limit = System.nanoTime() - settings.capabilityIdle().toNanos();
        exports.values().removeIf(e -> !e.callScoped() && e.lastUsed().get() < limit);
    }

    /** A capability of another peer: calls go to its subject. */
    private final class RemoteCapability implements RpcChannel {
        private final String peer;
        private final long object;
        private final InterfaceSchema type;

        RemoteCapability(String peer, long object, InterfaceSchema type) {
            this.peer = peer;
            this.object = object;
            this.type = type;
        }

        @Override
        public DynamicStruct call(InterfaceSchema.MethodRef method, DynamicStruct params) {
            if (type.withAncestors().stream().noneMatch(i -> i.id() == method.declaringInterface().id())) {
                throw new UnknownMethodException(type.qualifiedName() + " has no method " + RpcServer.describe(method));
            }
            Map<String, String> h = Map.of(INTERFACE_HEADER, Long.toHexString(method.declaringInterface().id()),
                    METHOD_ID_HEADER, Integer.toString(method.method().index()));
            return request(settings.prefix() + ".cap." + peer + "." + object, h, method, params,
                    "capability " + object + " (" + type.qualifiedName() + ") of peer " + peer, type.qualifiedName());
        }
    }

    /** Stops answering: unsubscribes services and capabilities and forgets every export. */
    @Override
    public void close() {
        subscriptions.forEach(MessageBus.Subscription::close);
        subscriptions.clear();
        exports.clear();
        try {
            // the server must have the unsubscriptions before we return, so that callers of our
            // capabilities see "no responders" at once instead of waiting for their timeout
            bus.flush(Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            // closed or slow connection: the unsubscriptions still reach the server, later
        }
    }
}
