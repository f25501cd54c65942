// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.dapr;

import io.capaee.api.http.FallbackProblem;
import io.capaee.api.http.Problem;
import io.capaee.api.http.ServletReplies;
import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.api.trace.SpanKind;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What the servlet filters that answer the hottest Dapr API calls before JAX-RS (actor method calls,
 * state gets, publishes) do in place of JAX-RS's providers, so that their answers are JAX-RS's: which requests
 * they must leave to JAX-RS, their path segments decoded as path parameters are, the server span, and
 * the answer to the unexpected.
 */
public final class DirectCalls {
    private DirectCalls() {}

    /**
     * Whether JAX-RS must answer this request even when its path is one the filter answers: a
     * matrix parameter, or a {@code dapr-app-id} header or credentials, which make it a service
     * invocation ({@link AppIdHeader}).
     */
    public static boolean forJaxRs(HttpServletRequest request, String path) {
        String appId = request.getHeader(AppIdHeader.HEADER);
        // every value, joined as JAX-RS's getHeaderString joins them (a blank first value and a second one name an app)
        String all = appId == null ? null : String.join(",", Collections.list(request.getHeaders(AppIdHeader.HEADER)));
        return forJaxRs(path, all, request.getHeader("Authorization"));
    }

    static boolean forJaxRs(String path, String appIdHeader, String authorization) {
        return path.indexOf(';') >= 0 || AppIdHeader.namesAnApp(appIdHeader, authorization);
    }

    /**
     * {name, rest}, each percent-decoded ({@link #decode}), when {@code path} is {@code prefix} then a name
     * and a rest of one segment or more, as a resource template {@code {name}/{rest: .+}} reads them, with
     * no empty segment; null otherwise, and for a {@code name} or {@code rest} among {@code reserved}
     * (another resource's literal path), so that JAX-RS answers those as it always did.
     */
    public static String[] nameAndRest(String path, String prefix, Set<String> reservedNames, Set<String> reservedRests) {
        if (!path.startsWith(prefix)) {
            return null;
        }
        String rest = path.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1 || rest.endsWith("/") || rest.contains("//")) {
            return null;
        }
        String name = rest.substring(0, slash);
        String tail = rest.substring(slash + 1);
        if (reservedNames.contains(name) || reservedRests.contains(tail)) {
            return null;
        }
        String decodedName = decode(name);
        String decodedTail = decode(tail);
        return decodedName == null || decodedTail == null ? null : new String[] {decodedName, decodedTail};
    }

    /**
     * A path segment percent-decoded as JAX-RS decodes a path parameter (UTF-8; {@code +} stays a
     * {@code +}), or null when JAX-RS would refuse it (a malformed escape or bytes that are not UTF-8)
     * or it holds a character outside ASCII: the filter then leaves the request to JAX-RS. By hand because
     * HttpCore's {@code PercentCodec} and the JDK's {@code URLDecoder} replace what is malformed (and the
     * latter decodes {@code +} as a space).
     */
    public static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return ascii(segment) ? segment : null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(segment.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c < 0x80) {
                bytes.write(c);
            } else {
                return null;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Whether the servlet container reads this query's parameters as JAX-RS does: none, or ASCII without
     * escapes (JAX-RS decodes escapes as UTF-8 and the container as ISO-8859-1, and the container throws on a
     * malformed one where JAX-RS answered with a problem detail).
     */
    public static boolean plainQuery(String query) {
        return query == null || query.indexOf('%') < 0 && ascii(query);
    }

    /**
     * Answers 413 when the request declares a body over {@code maxBodyBytes}, as {@link BodyLimitFilter}
     * does before JAX-RS matches a request (before the access check too).
     *
     * @return whether it answered
     */
    static boolean refuseDeclaredBody(HttpServletRequest request, HttpServletResponse response, long maxBodyBytes)
            throws IOException {
        if (request.getContentLengthLong() <= maxBodyBytes) {
            return false;
        }
        DaprExceptionMapper.write(BodyLimitFilter.tooLarge(maxBodyBytes), request.getHeader("User-Agent"), response);
        return true;
    }

    private static boolean ascii(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * The server span JAX-RS's tracing would have made for {@code route}, not yet current (a call
     * answered later on another thread enters it there): the work's spans are its children, as a
     * caller's trace expects.
     */
    static TraceSpan serverSpan(Traces traces, HttpServletRequest request, String route) {
        return traces.openFrom(request.getMethod() + " " + route, SpanKind.SERVER, request::getHeader)
                .attribute("http.request.method", request.getMethod()).attribute("http.route", route)
                .attribute("url.path", request.getRequestURI());
    }

    /** The answer JAX-RS's fallback mapper gives to an unexpected failure (logged there): a 500 problem detail. */
    public static void unexpected(RuntimeException e, Logger log, HttpServletResponse response) throws IOException {
        Problem problem = FallbackProblem.of(e, log, "gateway API");
        ServletReplies.write(response, problem.status(), Problem.MEDIA_TYPE, problem.json());
    }
}
