// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

import io.capaee.api.rpc.codec.CaraCodec;
import io.capaee.api.rpc.codec.DecodeException;
import io.capaee.api.rpc.schema.DynamicStruct;
import io.capaee.api.rpc.schema.InterfaceSchema;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services one process serves, by name, and the transport-independent part of answering a
 * call: find the method, decode the parameters, call the implementation, encode the results.
 * Thread-safe; every transport (HTTP, NATS) hands its calls to one of these.
 */
public final class RpcServer {
    private final Map<String, Service> services = new ConcurrentHashMap<>();

    /** A registered service: an implementation of an interface under a name. */
    public record Service(String name, InterfaceSchema iface, RpcHandler handler) {}

    /** Registers {@code handler} under the interface's qualified name. */
    public Service register(InterfaceSchema iface, RpcHandler handler) {
        return register(iface.qualifiedName(), iface, handler);
    }

    public Service register(String name, InterfaceSchema iface, RpcHandler handler) {
        if (name.isEmpty() || name.contains("/") || name.contains(" ") || name.contains("*") || name.contains(">")) {
            throw new RpcException("invalid service name '" + name + "': no '/', spaces, '*' or '>'");
        }
        Service s = new Service(name, iface, handler);
        if (services.putIfAbsent(name, s) != null) {
            throw new RpcException("a service named '" + name + "' is already registered");
        }
        return s;
    }

    public void unregister(String name) {
        services.remove(name);
    }

    public Optional<Service> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    public Set<String> names() {
        return new TreeSet<>(services.keySet());
    }

    /** The method {@code methodName} of a service (its own or inherited), or an UnknownMethodException. */
    public InterfaceSchema.MethodRef method(String serviceName, String methodName) {
        Service s = services.get(serviceName);
        if (s == null) {
            throw new UnknownMethodException("no RPC service named '" + serviceName + "'; registered: " + names());
        }
        return s.iface().method(methodName).orElseThrow(() -> new UnknownMethodException(
                "service '" + serviceName + "' (" + s.iface().qualifiedName() + ") has no method '" + methodName + "'"));
    }

    /**
     * Answers one call: {@code params} and the returned bytes are cara msgpack. Failures are
     * {@link RpcCallException}s: unknown service or method, parameters that do not decode, or
     * the implementation's exception as a {@link RemoteException}.
     */
    public byte[] invoke(String serviceName, String methodName, byte[] params, CaraCodec codec) {
        InterfaceSchema.MethodRef ref = method(serviceName, methodName);
        return invoke(services.get(serviceName).handler(), ref, params, codec);
    }

    /** Answers a call on any handler (a service, or an exported capability). */
    public static byte[] invoke(RpcHandler handler, InterfaceSchema.MethodRef ref, byte[] params, CaraCodec codec) {
        DynamicStruct in;
        try {
            in = codec.decode(ref.method().params(), params);
        } catch (DecodeException e) {
            throw new InvalidMessageException("the parameters of " + describe(ref) + " do not decode: " + e.getMessage(), e);
        }
        DynamicStruct out = call(handler, ref, in);
        try {
            if (!out.schema().equals(ref.method().results()) && out.schema().id() != ref.method().results().id()) {
                throw new RpcException(describe(ref) + " returned a " + out.schema().displayName() + ", not a "
                        + ref.method().results().displayName());
            }
            return codec.encode(out);
        } catch (RpcException e) {
            throw new RemoteException(e.getClass().getName(), e.getMessage());
        }
    }

    /** Calls a handler, turning what it throws into RPC failures. */
    public static DynamicStruct call(RpcHandler handler, InterfaceSchema.MethodRef ref, DynamicStruct params) {
        try {
            DynamicStruct out = handler.call(ref, params);
            return out == null ? ref.method().results().newValue() : out;
        } catch (RpcCallException e) {
            throw e;
        } catch (Exception e) {
            throw new RemoteException(e.getClass().getName(), e.getMessage() == null ? "" : e.getMessage());
        }
    }

    public static String describe(InterfaceSchema.MethodRef ref) {
        return ref.declaringInterface().qualifiedName() + "." + ref.method().name();
    }

}
