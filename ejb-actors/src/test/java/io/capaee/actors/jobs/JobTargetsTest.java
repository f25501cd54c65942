// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.capaee.api.InvalidValueException;
import io.capaee.api.jobs.JobException;
import io.capaee.api.jobs.JobSpec;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link JobTargets} against a real HTTP application on loopback. */
class JobTargetsTest {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> traceparents = new CopyOnWriteArrayList<>();
    private final HttpServer app;

    JobTargetsTest() throws IOException {
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/", x -> {
            try (x) {
                traceparents.add(String.valueOf(x.getRequestHeaders().getFirst("traceparent")));
                received.add(x.getRequestMethod() + " " + x.getRequestURI().getPath() + " " + x.getRequestHeaders().getFirst("Content-Type")
                        + " server-request=" + x.getRequestHeaders().getFirst("Capa-Server-Request") + " "
                        + new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                x.sendResponseHeaders(x.getRequestURI().getPath().startsWith("/down") ? 503 : 200, -1);
            }
        });
        app.start();
    }

    @AfterEach
    void stop() {
        app.stop(0);
    }

    private JobTargets targets(String appUrl) {
        return new JobTargets(HttpClient.newHttpClient(), Duration.ofSeconds(5), appUrl, List.of("http://127.0.0.1:7/allowed/"),
                "http://127.0.0.1:1/wasm/functions", Optional.empty(),
                null, name -> {
                    throw new JobException(JobException.Reason.DELIVERY, "no binding " + name);
                }, Optional.empty());
    }

    private String appUrl() {
        return "http://127.0.0.1:" + app.getAddress().getPort() + "/";
    }

    @Test
    void withoutATargetAJobGoesToTheApplicationsJobCallbackMarkedAsSentByTheServer() {
        targets(appUrl()).deliver(new JobSpec("nightly", "@daily", null, 0, null, "{\"a\":1}", null));
        assertEquals(List.of("POST /job/nightly application/json server-request=1 {\"a\":1}"), received);
    }

    @Test
    void theDeliveryCarriesTheCurrentSpansContextTheFiringsSpan() {
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        String firing = "00f067aa0ba902b7";
        Span span = Span.wrap(SpanContext.create(trace, firing, TraceFlags.getSampled(), TraceState.getDefault()));
        try (Scope in = span.makeCurrent()) {
            targets(appUrl()).deliver(new JobSpec("traced", "@daily", null, 0, null, null, null));
        }
        targets(appUrl()).deliver(new JobSpec("untraced", "@daily", null, 0, null, null, null));
        assertEquals(List.of("00-" + trace + "-" + firing + "-01", "null"), traceparents);
    }

    @Test
    void aPathIsOnTheApplicationAndAUrlIsItself() {
        JobTargets targets = targets(appUrl());
        targets.deliver(new JobSpec("a", "@daily", null, 0, null, null, "/reports"));
        targets.deliver(new JobSpec("b", "@daily", null, 0, null, "1", appUrl() + "elsewhere"));
        assertEquals(List.of("POST /reports application/json server-request=1 ", "POST /elsewhere application/json server-request=1 1"), received);
    }

    @Test
    void aDeliveryThatIsNotTakenFailsNamingTheJob() {
        JobException e = assertThrows(JobException.class,
                () -> targets(appUrl()).deliver(new JobSpec("x", "@daily", null, 0, null, null, "/down")));
        assertEquals(JobException.Reason.DELIVERY, e.reason());
        assertTrue(e.getMessage().contains("'x'") && e.getMessage().contains("503"), e.getMessage());
        assertThrows(JobException.class, () -> targets(appUrl()).deliver(new JobSpec("y", "@daily", null, 0, null, null, "function:f")));
        assertThrows(JobException.class, () -> targets(appUrl()).deliver(new JobSpec("z", "@daily", null, 0, null, null, "binding:b")));
    }

    @Test
    void aJobForTheApplicationIsRefusedWhenNoApplicationIsConfigured() {
        JobTargets targets = targets("");
        assertEquals("target", assertThrows(InvalidValueException.class,
                () -> targets.check(new JobSpec("x", "@daily", null, 0, null, null, null))).field());
        assertEquals("target", assertThrows(InvalidValueException.class,
                () -> targets.check(new JobSpec("x", "@daily", null, 0, null, null, "/path"))).field());
        targets.check(new JobSpec("x", "@daily", null, 0, null, null, "http://127.0.0.1:7/allowed/x"));
    }

    @Test
    void aGrpcUrlIsRefusedAsSuchWithOrWithoutAnApplication() {
        for (String appUrl : List.of("", appUrl())) {
            InvalidValueException e = assertThrows(InvalidValueException.class,
                    () -> targets(appUrl).check(new JobSpec("x", "@daily", null, 0, null, null, "grpc://127.0.0.1:7/x")));
            assertEquals("target", e.field());
            assertTrue(e.getMessage().contains("gRPC URL"), e.getMessage());
        }
    }

    @Test
    void aUrlMustBeUnderTheApplicationOrAnAllowedUrl() {
        JobTargets targets = targets(appUrl());
        targets.check(new JobSpec("x", "@daily", null, 0, null, null, appUrl() + "reports"));
        targets.check(new JobSpec("x", "@daily", null, 0, null, null, "http://127.0.0.1:7/allowed/hook"));
        for (String url : List.of("http://127.0.0.1:7/allowedness", "http://127.0.0.1:8/allowed/hook", "http://127.0.0.1:"
                + app.getAddress().getPort() + "0/job", "http://169.254.169.254/latest")) {
            assertEquals("target", assertThrows(InvalidValueException.class,
                    () -> targets.check(new JobSpec("x", "@daily", null, 0, null, null, url)), url).field(), url);
        }
        assertThrows(InvalidValueException.class, () -> targets.deliver(new JobSpec("x", "@daily", null, 0, null, null, "http://127.0.0.1:8/x")));
        assertEquals(List.of(), received);
    }
}
