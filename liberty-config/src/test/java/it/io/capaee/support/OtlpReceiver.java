// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * An OTLP/HTTP collector on a loopback port, for a server that exports its spans ({@code otel.exporter.otlp.protocol
 * http/protobuf}): it keeps every span of {@code POST /v1/traces} and answers the other signals with an empty 200.
 * The export requests are read field by field with protobuf's {@link CodedInputStream} (OTLP's trace.proto field
 * numbers), not with the generated OTLP classes: those need a protobuf runtime newer than the one the Dapr SDK 1.11
 * of these tests brings.
 */
public final class OtlpReceiver implements AutoCloseable {
    /** Span kinds, as OTLP numbers them. */
    public static final int INTERNAL = 1;
    public static final int SERVER = 2;
    public static final int CLIENT = 3;
    public static final int PRODUCER = 4;
    public static final int CONSUMER = 5;

    /** One exported span: ids in lower-case hex (no parent: empty), its attributes as text, its events' names. */
    public record ReceivedSpan(String traceId, String spanId, String parentSpanId, String name, int kind,
                               Map<String, String> attributes, List<String> events) {
    }

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    public OtlpReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    bytes = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes();
                }
                if (exchange.getRequestURI().getPath().equals("/v1/traces")) {
                    spans.addAll(export(CodedInputStream.newInstance(bytes)));
                }
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    /** Where the server under test exports to: {@code otel.exporter.otlp.endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The spans of {@code traceId} received so far. */
    public List<ReceivedSpan> trace(String traceId) {
        return spans.stream().filter(s -> s.traceId().equals(traceId)).toList();
    }

    /** Waits until the spans of {@code traceId} satisfy {@code done}; returns them (satisfied or not, at the end). */
    public List<ReceivedSpan> await(String traceId, Predicate<List<ReceivedSpan>> done, Duration limit) throws InterruptedException {
        long end = System.nanoTime() + limit.toNanos();
        List<ReceivedSpan> found = trace(traceId);
        while (!done.test(found) && System.nanoTime() < end) {
            Thread.sleep(100);
            found = trace(traceId);
        }
        return found;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    private static List<ReceivedSpan> export(CodedInputStream in) throws IOException {
        List<ReceivedSpan> out = new ArrayList<>();
        for (CodedInputStream resourceSpans : messages(in, 1)) {
            // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }
            for (CodedInputStream scopeSpans : messages(resourceSpans, 2)) {
                // ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; }
                for (CodedInputStream span : messages(scopeSpans, 2)) {
                    out.add(span(span));
                }
            }
        }
        return out;
    }

    /** The embedded messages of field {@code number}; the other fields are skipped. */
    private static List<CodedInputStream> messages(CodedInputStream in, int number) throws IOException {
        List<CodedInputStream> found = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == number && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                found.add(in.readBytes().newCodedInput());
            } else {
                in.skipField(tag);
            }
        }
        return found;
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
    //        repeated KeyValue attributes = 9; repeated Event events = 11; }
    private static ReceivedSpan span(CodedInputStream in) throws IOException {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        Map<String, String> attributes = new LinkedHashMap<>();
        List<String> events = new ArrayList<>();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> traceId = hex(in.readBytes());
                case 2 -> spanId = hex(in.readBytes());
                case 4 -> parent = hex(in.readBytes());
                case 5 -> name = in.readString();
                case 6 -> kind = in.readEnum();
                case 9 -> keyValue(in.readBytes().newCodedInput(), attributes);
                case 11 -> events.add(eventName(in.readBytes().newCodedInput()));
                default -> in.skipField(tag);
            }
        }
        return new ReceivedSpan(traceId, spanId, parent, name, kind, attributes, events);
    }

    // KeyValue { string key = 1; AnyValue value = 2; }  AnyValue { string = 1; bool = 2; int64 = 3; double = 4; }
    private static void keyValue(CodedInputStream in, Map<String, String> into) throws IOException {
        String key = "";
        String value = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 1) {
                key = in.readString();
            } else if (WireFormat.getTagFieldNumber(tag) == 2) {
                CodedInputStream any = in.readBytes().newCodedInput();
                for (int t = any.readTag(); t != 0; t = any.readTag()) {
                    switch (WireFormat.getTagFieldNumber(t)) {
                        case 1 -> value = any.readString();
                        case 2 -> value = String.valueOf(any.readBool());
                        case 3 -> value = String.valueOf(any.readInt64());
                        case 4 -> value = String.valueOf(any.readDouble());
                        default -> any.skipField(t);
                    }
                }
            } else {
                in.skipField(tag);
            }
        }
        into.put(key, value);
    }

    // Event { fixed64 time_unix_nano = 1; string name = 2; ... }
    private static String eventName(CodedInputStream in) throws IOException {
        String name = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == 2) {
                name = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        return name;
    }

    private static String hex(ByteString bytes) {
        return HexFormat.of().formatHex(bytes.toByteArray());
    }
}
