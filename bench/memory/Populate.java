// SPDX-License-Identifier: Apache-2.0
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills the server for bench/memory.sh, with a few concurrent callers (java bench/memory/Populate.java ...):
 *
 * <pre>
 * actors BASE N FROM         POST BASE/v1.0/actors/counter/mem-{i}/method/add (body 1) for i in FROM..FROM+N-1:
 *                            activates N counter actors, each with its count as state
 * functions BASE N           GET BASE/wasm/functions/f{i} for i in 1..N, retried until 200 (the directory scan
 *                            deploys them): each deployed, compiled and called once
 * </pre>
 * Any other answer fails the run. Prints what it did and how long it took.
 */
public class Populate {
    static final int CALLERS = 8;

    public static void main(String[] a) throws Exception {
        String base = a[1];
        int n = Integer.parseInt(a[2]);
        int from = a.length > 3 ? Integer.parseInt(a[3]) : 1;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        long start = System.nanoTime();
        List<Future<?>> calls = new ArrayList<>();
        for (int i = from; i < from + n; i++) {
            int id = i;
            calls.add(callers.submit(() -> switch (a[0]) {
                case "actors" -> call(client, HttpRequest.newBuilder(URI.create(base + "/v1.0/actors/counter/mem-" + id + "/method/add"))
                        .POST(HttpRequest.BodyPublishers.ofString("1")).build(), Duration.ZERO);
                case "functions" -> call(client, HttpRequest.newBuilder(URI.create(base + "/wasm/functions/f" + id))
                        .header("Accept", "*/*").build(), Duration.ofMinutes(2));
                default -> throw new IllegalArgumentException("mode actors or functions, not " + a[0]);
            }));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        callers.shutdown();
        System.out.printf("%s: %d in %.1f s%n", a[0], n, (System.nanoTime() - start) / 1e9);
    }

    /** Sends until 200, for at most patience (zero: once). */
    static Void call(HttpClient client, HttpRequest request, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return null;
            }
            if (System.nanoTime() >= deadline) {
                throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
            }
            Thread.sleep(500);
        }
    }
}
