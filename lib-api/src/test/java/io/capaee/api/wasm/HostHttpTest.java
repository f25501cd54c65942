// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm;

import io.capaee.testing.LocalHttpServer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.capaee.api.tracing.TraceSpan;
import io.capaee.api.tracing.Traces;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * hostHttp (spec 2.7) against a local JDK HTTP server, with the deliberate fixes: an allow-list
 * (none by default), error statuses as errors, a time limit, no redirects.
 */
class HostHttpTest {
    private TestHost host;
    private LocalHttpServer server;

    @BeforeEach
    void start() {
        host = new TestHost();
        server = new LocalHttpServer()
                .route("/api/echo", exchange -> LocalHttpServer.reply(exchange, 200,
                        exchange.getRequestMethod() + " " + new String(exchange.getRequestURI().toString())))
                .route("/api/missing", exchange -> LocalHttpServer.reply(exchange, 404, "Not here"))
                .route("/api/slow", exchange -> {
                    server.awaitRelease();
                    LocalHttpServer.reply(exchange, 200, "too late");
                })
                .route("/api/redirect", exchange -> LocalHttpServer.reply(exchange, 302,
                        Map.of("Location", server.base() + "/api/echo"), "moved".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .route("/apix", exchange -> LocalHttpServer.reply(exchange, 200, "apix"));
    }

    @AfterEach
    void stop() {
        server.close();
        host.close();
    }

    private WasmFunction allowing(EngineKind kind, String... prefixes) {
        return host.load(kind, "hostcalls", FunctionSettings.defaults().withHttpAllowList(List.of(prefixes)));
    }

    @OnBothEngines
    void outboundHttpIsDeniedByDefault(EngineKind kind) {
        CliResult result = host.load(kind, "hostcalls").callCli(List.of("http", server.base() + "/api/echo", "GET", ""));

        assertTrue(result.error().orElseThrow().message().contains("allow-list"), result.raw());
        assertEquals(List.of(), server.seen());
    }

    @OnBothEngines
    void aUrlUnderAnAllowedPrefixIsCalledAndOthersAreNot(EngineKind kind) {
        WasmFunction function = allowing(kind, server.base() + "/api");

        CliResult allowed = function.callCli(List.of("http", server.base() + "/api/echo?q=1", "GET", ""));
        CliResult sibling = function.callCli(List.of("http", server.base() + "/apix", "GET", ""));
        CliResult escaped = function.callCli(List.of("http", server.base() + "/api/../apix", "GET", ""));

        assertEquals("GET /api/echo?q=1", allowed.raw());
        assertTrue(sibling.error().orElseThrow().message().contains("allow-list"), sibling.raw());
        assertTrue(escaped.error().orElseThrow().message().contains("allow-list"), escaped.raw());
        assertEquals(List.of(), server.seen("/apix"));
    }

    @OnBothEngines
    void aRequestIsAClientSpanOfTheFunctionsSpanAndCarriesItsContextInPlaceOfTheGuests(EngineKind kind) {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        try (SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exported)).build()) {
            Traces traces = Traces.of(OpenTelemetrySdk.builder().setTracerProvider(provider).build());
            HostServices services = new HostServices(Optional.empty(), Optional.empty(), TestHost.HOST_INFORMATION, (f, line) -> {},
                    HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build(), (f, hostFunction) -> {}, traces);
            WasmFunction function = host.load(kind, services, "hostcalls", FunctionSettings.defaults().withHttpAllowList(List.of("*")));
            try (TraceSpan call = traces.start("function hostcalls", SpanKind.SERVER)) {
                assertEquals("GET /api/echo", function.callCli(List.of("http", server.base() + "/api/echo", "GET", "",
                        "traceparent=00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")).raw());
            }
            SpanData call = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals("function hostcalls")).findFirst().orElseThrow();
            SpanData request = exported.getFinishedSpanItems().stream().filter(s -> s.getName().equals("hostHttp GET")).findFirst()
                    .orElseThrow(() -> new AssertionError("no hostHttp span in " + exported.getFinishedSpanItems()));
            assertEquals(SpanKind.CLIENT, request.getKind());
            assertEquals(call.getSpanId(), request.getParentSpanId(), "the request is the function's child");
            assertEquals(200L, request.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
            assertEquals("/api/echo", request.getAttributes().get(AttributeKey.stringKey("url.path")));
            assertEquals("00-" + request.getTraceId() + "-" + request.getSpanId() + "-01", server.seen("/api/echo").get(0).header("traceparent"));
        }
    }

    @OnBothEngines
    void aGetSendsTheGuestsHeadersAndNoBody(EngineKind kind) {
        CliResult result = allowing(kind, "*").callCli(List.of("http", server.base() + "/api/echo", "GET", "ignored", "X-Token=abc;X-Other=two words"));

        assertEquals("GET /api/echo", result.raw());
        LocalHttpServer.Seen seen = server.seen("/api/echo").get(0);
        assertEquals("GET", seen.method());
        assertEquals("abc", seen.header("X-Token"));
        assertEquals("two words", seen.header("X-Other"));
        assertEquals("", seen.body());
    }

    @OnBothEngines
    void aPostSendsTheGuestsHeadersAndBody(EngineKind kind) {
        CliResult result = allowing(kind, server.base() + "/api/").callCli(
                List.of("http", server.base() + "/api/echo", "POST", "{\"name\":\"Bob \uD83D\uDC1E\"}", "Content-Type=application/json"));

        assertEquals("POST /api/echo", result.raw());
        LocalHttpServer.Seen seen = server.seen("/api/echo").get(0);
        assertEquals("POST", seen.method());
        assertEquals("application/json", seen.header("Content-Type"));
        assertEquals("{\"name\":\"Bob \uD83D\uDC1E\"}", seen.body());
    }

    @OnBothEngines
    void withoutHeadersThePostStillGoesOut(EngineKind kind) {
        // the guest SDK sends an empty header map as the string "empty", which Capsule 0.1.3 crashed on
        CliResult result = allowing(kind, "*").callCli(List.of("http", server.base() + "/api/echo", "POST", "plain"));

        assertEquals("POST /api/echo", result.raw());
        assertEquals("plain", server.seen("/api/echo").get(0).body());
    }

    @OnBothEngines
    void anErrorStatusIsAnErrorCarryingTheStatusCode(EngineKind kind) {
        CliResult result = allowing(kind, "*").callCli(List.of("http", server.base() + "/api/missing", "GET", ""));

        // The host answers [ERR][404]:Not here; the guest SDK shows a non-zero code as "message (code)".
        assertEquals("Not here (404)", result.error().orElseThrow().message());
    }

    @OnBothEngines
    void aSlowServerTimesOutWithinTheFunctionsHttpTimeout(EngineKind kind) {
        WasmFunction function = host.load(kind, "hostcalls", FunctionSettings.defaults()
                .withHttpAllowList(List.of("*"))
                .withHttpTimeout(Duration.ofMillis(300)));

        long start = System.nanoTime();
        CliResult result = function.callCli(List.of("http", server.base() + "/api/slow", "GET", ""));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertTrue(result.error().orElseThrow().message().contains("timed out after 300 ms"), result.raw());
        assertTrue(elapsedMs >= 250 && elapsedMs < 3000, "took " + elapsedMs + " ms");
    }

    @OnBothEngines
    void redirectsAreNotFollowed(EngineKind kind) {
        CliResult result = allowing(kind, "*").callCli(List.of("http", server.base() + "/api/redirect", "GET", ""));

        assertEquals("moved", result.raw());
        assertEquals(List.of(), server.seen("/api/echo"));
    }

    @OnBothEngines
    void nonHttpSchemesAreRefused(EngineKind kind) {
        WasmFunction function = allowing(kind, "*");

        for (String url : List.of("file:///etc/passwd", "ftp://127.0.0.1/x", "jar:file:/x!/y")) {
            CliResult result = function.callCli(List.of("http", url, "GET", ""));
            assertTrue(result.error().isPresent(), url + " answered " + result.raw());
            assertFalse(result.raw().contains("root:"), result.raw());
        }
    }

    @OnBothEngines
    void anUnreachableServerIsAnErrorNotATrap(EngineKind kind) {
        LocalHttpServer closed = new LocalHttpServer();
        String url = closed.base() + "/gone";
        closed.close();

        CliResult result = allowing(kind, "*").callCli(List.of("http", url, "GET", ""));

        assertTrue(result.error().orElseThrow().message().startsWith("GET " + url + ": "), result.raw());
    }

    @OnBothEngines
    void anUnsupportedMethodIsAnError(EngineKind kind) {
        CliResult result = allowing(kind, "*").callCli(List.of("http", server.base() + "/api/echo", "BREW", ""));

        assertEquals("BREW is not a supported HTTP method", result.error().orElseThrow().message());
        assertEquals(List.of(), server.seen());
    }
}
