// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.query.QueryConnectionFactory;
import io.capaee.api.tracing.Traces;
import java.net.http.HttpClient;
import java.util.Objects;
import java.util.Optional;

/**
 * The host-side services that Capsule's {@code env} host functions reach, shared by every
 * function of one engine.
 *
 * @param keyValue backs {@code hostRedisSet/Get/Keys}; empty: those answer an error
 * @param query backs {@code hostCouchBaseQuery}; empty: it answers an error
 * @param hostInformation what {@code hostGetHostInformation} returns (Capsule: {@code {"httpPort":8080}})
 * @param log receives {@code hostLogString} lines
 * @param http the client {@code hostHttp} uses (redirects are never followed, see HttpAllowList)
 * @param hostCalls told of each host function a guest calls, on the guest's thread, before it runs (traces)
 * @param traces the spans of {@code hostHttp}'s requests (a client span, child of the span current on the guest's
 *     thread: the function's), whose context the request carries in its {@code traceparent} header
 */
public record HostServices(
        Optional<KeyValueConnectionFactory> keyValue,
        Optional<QueryConnectionFactory> query,
        String hostInformation,
        GuestLog log,
        HttpClient http,
        HostCallListener hostCalls,
        Traces traces) {

    public HostServices {
        Objects.requireNonNull(keyValue, "keyValue");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(hostInformation, "hostInformation");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(hostCalls, "hostCalls");
        Objects.requireNonNull(traces, "traces");
    }

    /** Services without spans of their own. */
    public HostServices(Optional<KeyValueConnectionFactory> keyValue, Optional<QueryConnectionFactory> query, String hostInformation,
            GuestLog log, HttpClient http, HostCallListener hostCalls) {
        this(keyValue, query, hostInformation, log, http, hostCalls, Traces.off());
    }

    /** Services whose host calls nobody watches. */
    public HostServices(Optional<KeyValueConnectionFactory> keyValue, Optional<QueryConnectionFactory> query, String hostInformation,
            GuestLog log, HttpClient http) {
        this(keyValue, query, hostInformation, log, http, (function, hostFunction) -> {}, Traces.off());
    }

    /** Told of the host functions guests call. */
    @FunctionalInterface
    public interface HostCallListener {
        void called(String function, String hostFunction);
    }

    /** Receives what guests log through {@code hostLogString}. */
    @FunctionalInterface
    public interface GuestLog {
        void line(String function, String message);
    }
}
