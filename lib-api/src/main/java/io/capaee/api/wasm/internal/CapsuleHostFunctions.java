// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.internal;

import com.dylibso.chicory.runtime.HostFunction;
import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import io.capaee.api.kv.KeyValueConnection;
import io.capaee.api.kv.KeyValueConnectionFactory;
import io.capaee.api.query.QueryConnection;
import io.capaee.api.query.QueryConnectionFactory;
import io.capaee.api.security.AccessPolicy;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.wasm.AbiGeneration;
import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.HostServices;
import io.capaee.api.wasm.KeyNamespace;
import io.capaee.api.wasm.capsule.GuestError;
import io.capaee.api.wasm.capsule.HeaderCodec;
import io.opentelemetry.api.trace.SpanKind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The {@code env} host functions of Capsule 0.1.x (spec sections 1.4 and 2), as one explicit
 * table. Failures a guest can handle come back as data, {@code [ERR][code]:message}, exactly as
 * Capsule returns them; the security holes of section 10 are closed (see {@link FileSandbox},
 * {@link HttpAllowList}; environment variables come only from the function's settings), and
 * {@code hostRedis*} see only the guest's {@link KeyNamespace}, never the server's control data.
 */
public final class CapsuleHostFunctions {
    public static final String MODULE = "env";
    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS");

    private final String function;
    private final FunctionSettings settings;
    private final HostServices services;
    private final AtomicLong pings;
    private final HeaderCodec headers;
    private final FileSandbox files;
    private final HttpAllowList httpAllowList;
    private final KeyNamespace keys;

    /**
     * @param function the function's name, for log lines
     * @param pings the engine-wide counter {@code hostPing} reports
     */
    public CapsuleHostFunctions(String function, FunctionSettings settings, HostServices services, AtomicLong pings, AbiGeneration generation) {
        this.function = function;
        this.settings = settings;
        this.services = services;
        this.pings = pings;
        this.headers = new HeaderCodec(generation);
        this.files = new FileSandbox(settings.filesDirectory(), settings.maxFileBytes(), settings.maxWriteBytes());
        this.keys = settings.keyNamespace().orElseGet(() -> KeyNamespace.forLoadedName(function));
        this.httpAllowList = new HttpAllowList(settings.httpAllowList());
    }

    /** Name and wasm type of every host function; all take i32 and return nothing. */
    public static Map<String, FunctionType> signatures() {
        Map<String, FunctionType> types = new LinkedHashMap<>();
        arity().forEach((name, params) -> types.put(name, FunctionType.of(Collections.nCopies(params, ValType.I32), List.of())));
        return types;
    }

    private static Map<String, Integer> arity() {
        Map<String, Integer> arity = new LinkedHashMap<>();
        arity.put("hostLogString", 2);
        arity.put("hostGetHostInformation", 2);
        arity.put("hostPing", 4);
        arity.put("hostHttp", 10);
        arity.put("hostReadFile", 4);
        arity.put("hostWriteFile", 6);
        arity.put("hostGetEnv", 4);
        arity.put("hostRedisSet", 6);
        arity.put("hostRedisGet", 4);
        arity.put("hostRedisKeys", 4);
        arity.put("hostCouchBaseQuery", 4);
        return arity;
    }

    /** One host function's body, on any engine: the guest it was called from and its i32 arguments. */
    @FunctionalInterface
    public interface HostCall {
        void call(GuestAbi guest, long[] args);
    }

    /** The table, by name (the order of {@link #signatures()}), for an engine that links imports itself. */
    public Map<String, HostCall> calls() {
        Map<String, HostCall> calls = new LinkedHashMap<>();
        calls.put("hostLogString", (guest, a) -> {
            services.hostCalls().called(function, "hostLogString");
            services.log().line(function, str(guest, a, 0));
        });
        calls.put("hostGetHostInformation", returning("hostGetHostInformation", (guest, a) -> services.hostInformation()));
        calls.put("hostPing", returning("hostPing", (guest, a) -> "\uD83C\uDFD3 pong: " + str(guest, a, 0) + " : " + pings.incrementAndGet()));
        calls.put("hostHttp", returning("hostHttp", (guest, a) -> http(str(guest, a, 0), str(guest, a, 2), str(guest, a, 4), str(guest, a, 6))));
        calls.put("hostReadFile", returning("hostReadFile", (guest, a) -> readFile(str(guest, a, 0))));
        calls.put("hostWriteFile", returning("hostWriteFile", (guest, a) -> writeFile(str(guest, a, 0), str(guest, a, 2))));
        calls.put("hostGetEnv", returning("hostGetEnv", (guest, a) -> getEnv(str(guest, a, 0))));
        calls.put("hostRedisSet", returning("hostRedisSet", (guest, a) -> redisSet(str(guest, a, 0), str(guest, a, 2))));
        calls.put("hostRedisGet", returning("hostRedisGet", (guest, a) -> redisGet(str(guest, a, 0))));
        calls.put("hostRedisKeys", returning("hostRedisKeys", (guest, a) -> redisKeys(str(guest, a, 0))));
        calls.put("hostCouchBaseQuery", returning("hostCouchBaseQuery", (guest, a) -> couchbase(str(guest, a, 0))));
        return calls;
    }

    /** The table as Chicory host functions, ready for {@code ImportValues}. */
    public List<HostFunction> functions() {
        Map<String, FunctionType> types = signatures();
        return calls().entrySet().stream()
                .map(e -> new HostFunction(MODULE, e.getKey(), types.get(e.getKey()), (inst, args) -> {
                    e.getValue().call(new ChicoryGuest(inst), args);
                    return null;
                }))
                .toList();
    }

    @FunctionalInterface
    private interface StringResult {
        String apply(GuestAbi guest, long[] args);
    }

    /** A host function whose last two parameters are the (retPtrAddr, retLenAddr) out-parameters. */
    private HostCall returning(String name, StringResult body) {
        return (guest, args) -> {
            services.hostCalls().called(function, name);
            String result = body.apply(guest, args);
            GuestMemory.returnString(guest, args[args.length - 2], args[args.length - 1], result);
        };
    }

    private static String str(GuestAbi guest, long[] args, int first) {
        return GuestMemory.read(guest, args[first], args[first + 1]);
    }

    private static String err(String message) {
        return GuestError.of(message).encode();
    }

    private String getEnv(String name) {
        String value = settings.environment().get(name);
        return value == null || value.isEmpty() ? err(name + " is empty") : value;
    }

    private String readFile(String path) {
        try {
            return files.read(path);
        } catch (IOException e) {
            return err(e.getMessage());
        }
    }

    private String writeFile(String path, String content) {
        try {
            files.write(path, content);
            return "file created";
        } catch (IOException e) {
            return err(e.getMessage());
        }
    }

    private String http(String url, String method, String encodedHeaders, String body) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return err("invalid URL " + url + ": " + e.getMessage());
        }
        if (!httpAllowList.allows(uri)) {
            return err(url + " is not in the function's HTTP allow-list");
        }
        String verb = method.toUpperCase(Locale.ROOT);
        if (!HTTP_METHODS.contains(verb)) {
            return err(method + " is not a supported HTTP method");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.httpTimeout());
        headers.decode(encodedHeaders).forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                request.header(name, value);
            }
        });
        // set after the guest's headers: a guest's request is never a loopback client's, even to this server
        request.setHeader(AccessPolicy.SERVER_REQUEST_HEADER, "1");
        boolean hasBody = !verb.equals("GET") && !verb.equals("HEAD");
        request.method(verb, hasBody ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
        if (!services.traces().on()) {
            // nothing of OpenTelemetry's is touched: the capsule launcher runs without its API
            return send(request.build(), verb, url, status -> { }, failure -> { });
        }
        try (TraceSpan span = httpSpan(verb, uri)) {
            span.inject(request::setHeader); // after the guest's headers: the next hop is this span's child
            return send(request.build(), verb, url, span::httpStatus, span::failed);
        }
    }

    /** The client span of a guest's request, a child of the function's span (current on the guest's thread). */
    private TraceSpan httpSpan(String verb, URI uri) {
        // no query and no user info: they may hold what the guest keeps secret
        return services.traces().start("hostHttp " + verb, SpanKind.CLIENT).attribute("http.request.method", verb)
                .attribute("server.address", uri.getHost()).attribute("server.port", uri.getPort() < 0 ? defaultPort(uri) : uri.getPort())
                .attribute("url.path", uri.getRawPath()).attribute("capaee.function", function);
    }

    private static int defaultPort(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /**
     * @param status told the answer's status (for the span)
     * @param failed told a failure to get one
     */
    private String send(HttpRequest request, String verb, String url, IntConsumer status, Consumer<Exception> failed) {
        try {
            HttpResponse<String> response = services.http().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            status.accept(response.statusCode());
            if (response.statusCode() >= 400) {
                // Capsule returned error pages as success (spec B10); the guest sees an error with the status as code.
                return new GuestError(response.statusCode(), response.body().isEmpty() ? "HTTP " + response.statusCode() : response.body()).encode();
            }
            return response.body();
        } catch (java.net.http.HttpTimeoutException e) {
            failed.accept(e);
            return err(verb + " " + url + ": timed out after " + settings.httpTimeout().toMillis() + " ms");
        } catch (IOException e) {
            failed.accept(e);
            return err(verb + " " + url + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return err(verb + " " + url + ": interrupted");
        }
    }

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private String redisSet(String key, String value) {
        try (KeyValueConnection kv = keyValue().getConnection()) {
            kv.set(keys.key(key), value);
            return "[OK](" + key + ":" + value + ")";
        } catch (RuntimeException e) {
            return err(message(e));
        }
    }

    private String redisGet(String key) {
        try (KeyValueConnection kv = keyValue().getConnection()) {
            return kv.get(keys.key(key)).orElseGet(() -> err("redis: nil"));
        } catch (RuntimeException e) {
            return err(message(e));
        }
    }

    private String redisKeys(String pattern) {
        try (KeyValueConnection kv = keyValue().getConnection()) {
            return String.join("\u00b0", keys.guestKeys(kv.keys(keys.pattern(pattern))));
        } catch (RuntimeException e) {
            return err(message(e));
        }
    }

    private KeyValueConnectionFactory keyValue() {
        return services.keyValue().orElseThrow(() -> new IllegalStateException("no key/value store (Redis) is configured"));
    }

    private String couchbase(String statement) {
        QueryConnectionFactory factory = services.query().orElse(null);
        if (factory == null) {
            return err("no Couchbase connection is configured");
        }
        try (QueryConnection connection = factory.getConnection()) {
            return connection.query(statement);
        } catch (RuntimeException e) {
            return err(message(e));
        }
    }

    private static String message(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
