// SPDX-License-Identifier: Apache-2.0
import io.capaee.bench.load.Load;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * HTTP load for the actor benchmark, on bench/java's {@code Load} (java -cp bench/java/target/test-classes ActorLoad.java ...).
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
 */
public class ActorLoad {
    public static void main(String[] a) throws Exception {
        String mode = a[0];
        String pattern = a[1];
        int n = Integer.parseInt(a[2]);
        int seconds = Integer.parseInt(a[3]);
        String body = a.length > 4 ? a[4] : "";
        ExecutorService executor = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(executor).build();
        Load.Call call = i -> send(client, pattern, i, body);
        // this JVM's own warm-up, at the load it is about to measure: without it, the first seconds of a
        // measurement run the HTTP client interpreted, and the JIT compiling it competes with the server for
        // the cores, which put a tail of a hundred milliseconds into the fixed-rate p99 of every path
        int warmup = Integer.parseInt(System.getenv().getOrDefault("LOAD_WARMUP", "10"));
        if (warmup > 0) {
            Load.Result warm = mode.equals("rate") ? Load.rate(call, n, warmup) : Load.saturate(call, n, warmup);
            System.err.println("warm-up in this JVM: " + warm);
        }
        Load.Result result = mode.equals("rate") ? Load.rate(call, n, seconds) : Load.saturate(call, n, seconds);
        System.out.println(result);
        if (result.failures() > 0) {
            System.err.println("first failure: " + result.firstFailure());
        }
        System.exit(result.failures() == 0 ? 0 : 1);
    }

    private static void send(HttpClient client, String pattern, int i, String body) throws IOException, InterruptedException {
        boolean get = pattern.startsWith("GET ");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create((get ? pattern.substring(4) : pattern).replace("{n}", Integer.toString(i % 100))))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
        HttpRequest r = (get ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body))).build();
        HttpResponse<byte[]> response = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(r.method() + " " + r.uri() + " answered " + response.statusCode());
        }
    }
}
