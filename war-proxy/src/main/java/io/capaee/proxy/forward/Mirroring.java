// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.forward;

import io.capaee.api.traffic.TrafficRule;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.http.protocol.HttpCoreContext;

/**
 * Shadow traffic: a copy of a request sent to a rule's mirror on the container's managed executor,
 * while the primary upstream answers the client; the mirror's answer is read and discarded. At most
 * {@value #MAX_IN_FLIGHT} copies are under way at once: past that a copy is dropped (the mirror is
 * slower than the traffic), never queued, so a slow shadow cannot hold the server's memory or threads.
 * A request body is kept for the copy only up to {@value #MAX_BODY} bytes; a larger one (or one of
 * unknown length) is not mirrored.
 */
final class Mirroring {
    static final int MAX_BODY = 1024 * 1024;
    static final int MAX_IN_FLIGHT = 32;
    /** Tells the shadow upstream that its answer goes nowhere (and which rule sent it). */
    static final String MIRROR_HEADER = "X-Capa-Mirror";
    private static final Logger LOG = Logger.getLogger(Mirroring.class.getName());

    private final ForwardClient client;
    private final Executor executor;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);

    Mirroring(ForwardClient client, Executor executor) {
        this.client = client;
        this.executor = executor;
    }

    /**
     * The request's body, read whole: empty for none, null when it is too large (or of unknown
     * length) to keep for a copy (nothing of it read then).
     */
    static Optional<byte[]> readBody(HttpServletRequest request) throws IOException {
        long length = request.getContentLengthLong();
        if (length <= 0 && request.getHeader("Transfer-Encoding") == null) {
            return Optional.empty();
        }
        if (length < 0 || length > MAX_BODY) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            return Optional.of(in.readNBytes((int) length));
        }
    }

    /** Sends the copy in the background; returns at once. */
    void send(TrafficRule rule, HttpServletRequest request, String rest, byte[] body) {
        if (!inFlight.tryAcquire()) {
            LOG.log(Level.FINE, "mirror copy of rule {0} dropped: {1} already under way", new Object[] {rule.name(), MAX_IN_FLIGHT});
            return;
        }
        String url = new Target(rule.name(), "mirror", List.of(rule.mirror().url()), rest, "").upstreamUrl(rule.mirror().url(),
                request.getQueryString());
        String method = request.getMethod();
        List<String[]> headers = new ArrayList<>();
        Set<String> listed = Headers.connectionListed(request.getHeader("Connection"));
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements();) {
            String name = names.nextElement();
            if (Headers.forwardRequest(name, listed)) {
                for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements();) {
                    headers.add(new String[] {name, values.nextElement()});
                }
            }
        }
        try {
            executor.execute(() -> {
                try {
                    copy(rule, method, url, headers, body);
                } finally {
                    inFlight.release();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.release();
            LOG.log(Level.FINE, "mirror copy of rule {0} dropped: {1}", new Object[] {rule.name(), e.toString()});
        }
    }

    private void copy(TrafficRule rule, String method, String url, List<String[]> headers, byte[] body) {
        try {
            Origin origin = client.origin(rule.mirror().url());
            BasicClassicHttpRequest copy = new BasicClassicHttpRequest(method, origin.host(), origin.requestTarget(url));
            headers.forEach(h -> copy.addHeader(h[0], h[1]));
            copy.addHeader(MIRROR_HEADER, rule.name());
            if (body != null) {
                copy.setEntity(new ByteArrayEntity(body, null));
            }
            HttpCoreContext context = client.prepare(copy);
            try (ForwardClient.Answer answer = client.open(origin, copy, context)) {
                HttpEntity entity = answer.response.getEntity();
                if (entity != null) {
                    EntityUtils.consume(entity);
                }
                answer.complete();
            }
        } catch (IOException | RuntimeException | ForwardClient.RequestRefused e) {
            LOG.log(Level.FINE, "mirror copy of rule {0} failed: {1}", new Object[] {rule.name(), e.toString()});
        }
    }
}
