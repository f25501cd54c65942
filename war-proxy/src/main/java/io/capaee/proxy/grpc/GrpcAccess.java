// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.grpc;

import io.capaee.api.security.Access;
import io.capaee.api.security.AccessPolicy;
import io.capaee.api.security.Caller;
import io.capaee.api.security.Refusal;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Who may call the gRPC API: the HTTP API's {@link AccessPolicy} at {@link Access#APP}, every call. Tokens come
 * from the call's metadata ({@code dapr-api-token}, {@code authorization: Bearer}, as the HTTP API reads its
 * headers), loopback trust from the connection's peer address. A refused call is closed before its handler
 * runs: UNAUTHENTICATED without credentials or with a wrong token, PERMISSION_DENIED with credentials that do
 * not allow it (the HTTP API's 401 and 403), the message saying what the call needs. User names and passwords
 * are not read here: Liberty's user registry is the servlet container's, and gRPC calls do not pass through it.
 */
final class GrpcAccess implements ServerInterceptor {
    /** The caller's address, for the calls that pass it on (service invocation's X-Forwarded-For). */
    static final Context.Key<String> CALLER_ADDRESS = Context.key("capa-caller-address");
    private final Supplier<AccessPolicy> policy;

    GrpcAccess(Supplier<AccessPolicy> policy) {
        this.policy = policy;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Caller caller = caller(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), headers);
        Status refusal = refusal(policy.get(), caller);
        if (refusal == null) {
            return Contexts.interceptCall(Context.current().withValue(CALLER_ADDRESS, caller.remoteAddress()), call, headers, next);
        }
        call.close(refusal, new Metadata());
        return new ServerCall.Listener<>() {};
    }

    /** The status that refuses the caller, or null when it may call the Dapr API. */
    static Status refusal(AccessPolicy policy, Caller caller) {
        AccessPolicy.Verdict verdict = policy.check(caller, Access.APP);
        if (verdict == AccessPolicy.Verdict.ALLOWED) {
            return null;
        }
        Status status = verdict == AccessPolicy.Verdict.NOT_PERMITTED ? Status.PERMISSION_DENIED : Status.UNAUTHENTICATED;
        return status.withDescription(Refusal.detail(policy, verdict, Access.APP));
    }

    static Caller caller(SocketAddress peer, Metadata headers) {
        String address = peer instanceof InetSocketAddress inet && inet.getAddress() != null ? inet.getAddress().getHostAddress() : null;
        return new Caller(address, name -> header(headers, name), Caller.Login.NONE, Set.of());
    }

    private static String header(Metadata headers, String name) {
        // gRPC metadata keys are lower case, and binary ones ("-bin") hold no token
        if (name.toLowerCase(java.util.Locale.ROOT).endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            return null;
        }
        return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
    }
}
