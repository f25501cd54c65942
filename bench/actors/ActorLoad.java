// SPDX-License-Identifier: Apache-2.0
import io.capaee.bench.load.Load;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.impl.bootstrap.HttpRequester;
import org.apache.hc.core5.http.impl.bootstrap.RequesterBootstrap;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.http.io.support.ClassicRequestBuilder;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * HTTP load for the actor benchmark, on bench/java's {@code Load}
 * (java -cp bench/java/target/test-classes:$(cat bench/java/target/test-classpath.txt) ActorLoad.java ...).
 *
 * <pre>
 * java ActorLoad.java rate URL_PATTERN RATE SECONDS [BODY]        fixed rate; latency from the intended send time
 * java ActorLoad.java saturate URL_PATTERN CONNECTIONS SECONDS [BODY]   closed loop, as fast as answers come
 * </pre>
 * URL_PATTERN may contain {n}, replaced by (request number % 100): requests spread over 100 actors.
 * Requests are POSTs (a "GET " prefix on the pattern makes them GETs) over HTTP/1.1 keep-alive
 * connections; any non-200 answer fails the run.
 * Prints one line: mode, requests, throughput, p50/p90/p99/max in milliseconds. Before it measures, it runs
 * the same load for LOAD_WARMUP seconds (environment; 10 by default, 0 for none) and prints that on stderr.
 *
 * <p>The client (LOAD_CLIENT): {@code httpcore} (the default), Apache HttpCore's blocking requester, each
 * sending thread writing and reading its own pooled connection; or {@code jdk}, {@code java.net.http}, whose
 * answers pass from its selector thread to an executor and then to the waiting sender: two hand-overs
 * per request on the cores the server also needs, which showed in the fixed-rate tail.
 */
public class ActorLoad {
    public static void main(String[] a) throws Exception {
        String mode = a[0];
        String pattern = a[1];
        int n = Integer.parseInt(a[2]);
        int seconds = Integer.parseInt(a[3]);
        String body = a.length > 4 ? a[4] : "";
        String kind = System.getenv().getOrDefault("LOAD_CLIENT", "httpcore");
        Load.Call call = switch (kind) {
            case "httpcore" -> httpcore(pattern, body);
            case "jdk" -> jdk(pattern, body);
            default -> throw new IllegalArgumentException("LOAD_CLIENT=" + kind + ": httpcore or jdk");
        };
        // this JVM's own warm-up, at the load it is about to measure: without it, the first seconds of a
        // measurement run the HTTP client interpreted, and the JIT compiling it competes with the server for
        // the cores, which put a tail of a hundred milliseconds into the fixed-rate p99 of every path
        int warmup = Integer.parseInt(System.getenv().getOrDefault("LOAD_WARMUP", "10"));
        if (warmup > 0) {
            Load.Result warm = mode.equals("rate") ? Load.rate(call, n, warmup) : Load.saturate(call, n, warmup);
            System.err.println("warm-up in this JVM (" + kind + "): " + warm);
        }
        Load.Result result = mode.equals("rate") ? Load.rate(call, n, seconds) : Load.saturate(call, n, seconds);
        System.out.println(result);
        if (result.failures() > 0) {
            System.err.println("first failure: " + result.firstFailure());
        }
        System.exit(result.failures() == 0 ? 0 : 1);
    }

    private static Load.Call httpcore(String pattern, String body) {
        boolean get = pattern.startsWith("GET ");
        URI uri = URI.create((get ? pattern.substring(4) : pattern).replace("{n}", "N-N"));
        HttpHost host = new HttpHost(uri.getScheme(), uri.getHost(), uri.getPort());
        HttpRequester requester = RequesterBootstrap.bootstrap().setMaxTotal(Load.RATE_SENDERS * 2)
                .setDefaultMaxPerRoute(Load.RATE_SENDERS * 2).create();
        // Liberty closes a connection idle for 30 s (persistTimeout); the pool hands out its most recently used
        // connections first, so one opened in a burst can idle that long and then be taken, already closed, and
        // the request fails with NoHttpResponseException: connections idle for 10 s are closed here first
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idle-connections");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> requester.closeIdle(TimeValue.ofSeconds(10)), 2, 2, TimeUnit.SECONDS);
        String path = uri.getRawPath();
        Timeout timeout = Timeout.ofSeconds(10);
        return i -> {
            String target = path.replace("N-N", Integer.toString(i % 100));
            ClassicRequestBuilder b = (get ? ClassicRequestBuilder.get() : ClassicRequestBuilder.post()).setHttpHost(host).setPath(target);
            if (!get) {
                b.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
            }
            ClassicHttpRequest request = b.build();
            try (ClassicHttpResponse response = requester.execute(host, request, timeout, HttpCoreContext.create())) {
                byte[] answer = response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity());
                if (response.getCode() != 200) {
                    throw new IOException(request.getMethod() + " " + target + " answered " + response.getCode() + ": "
                            + new String(answer, StandardCharsets.UTF_8));
                }
            }
        };
    }

    private static Load.Call jdk(String pattern, String body) {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(executor).build();
        boolean get = pattern.startsWith("GET ");
        return i -> {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create((get ? pattern.substring(4) : pattern).replace("{n}", Integer.toString(i % 100))))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
            HttpRequest r = (get ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body))).build();
            HttpResponse<byte[]> response = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException(r.method() + " " + r.uri() + " answered " + response.statusCode());
            }
        };
    }
}
