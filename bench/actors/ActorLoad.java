// SPDX-License-Identifier: Apache-2.0
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP load for the actor benchmark, with no dependencies (java ActorLoad.java ...).
 *
 * <pre>
 * java ActorLoad.java rate URL_PATTERN RATE SECONDS [BODY]        fixed rate; latency from the intended send time
 * java ActorLoad.java saturate URL_PATTERN CONNECTIONS SECONDS [BODY]   closed loop, as fast as answers come
 * </pre>
 * URL_PATTERN may contain {n}, replaced by (request number % 100): requests spread over 100 actors.
 * Requests are POSTs (a "GET " prefix on the pattern makes them GETs) over HTTP/1.1 keep-alive
 * connections; any non-200 answer fails the run.
 * Prints one line: mode, requests, throughput, p50/p90/p99/max in milliseconds.
 */
public class ActorLoad {
    public static void main(String[] a) throws Exception {
        String mode = a[0];
        String pattern = a[1];
        int n = Integer.parseInt(a[2]);
        int seconds = Integer.parseInt(a[3]);
        String body = a.length > 4 ? a[4] : "";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(4)).build();
        long[] latencies = new long[Math.max(1, mode.equals("rate") ? n * seconds : 4_000_000)];
        AtomicInteger count = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        if (mode.equals("rate")) {
            // one virtual worker per in-flight request would be simplest; a pool of 64 senders that
            // each take the next slot keeps the schedule as long as fewer than 64 are late
            int total = n * seconds;
            long interval = 1_000_000_000L / n;
            AtomicInteger next = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(64);
            CountDownLatch done = new CountDownLatch(64);
            for (int w = 0; w < 64; w++) {
                senders.submit(() -> {
                    try {
                        int i;
                        while ((i = next.getAndIncrement()) < total) {
                            long intended = start + i * interval;
                            long wait = intended - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                            }
                            send(client, pattern, i, body, failures);
                            latencies[count.getAndIncrement()] = System.nanoTime() - intended;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
            senders.shutdown();
        } else {
            ExecutorService workers = Executors.newFixedThreadPool(n);
            CountDownLatch done = new CountDownLatch(n);
            AtomicInteger seq = new AtomicInteger();
            for (int w = 0; w < n; w++) {
                workers.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t = System.nanoTime();
                        send(client, pattern, seq.getAndIncrement(), body, failures);
                        int slot = count.getAndIncrement();
                        if (slot < latencies.length) {
                            latencies[slot] = System.nanoTime() - t;
                        }
                    }
                    done.countDown();
                });
            }
            done.await();
            workers.shutdown();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        int c = Math.min(count.get(), latencies.length);
        long[] l = Arrays.copyOf(latencies, c);
        Arrays.sort(l);
        System.out.printf("%s requests=%d throughput=%.0f/s p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms failures=%d%n", mode, c, c / elapsed,
                pct(l, 50), pct(l, 90), pct(l, 99), l.length == 0 ? 0 : l[l.length - 1] / 1e6, failures.get());
        System.exit(failures.get() == 0 ? 0 : 1);
    }

    private static void send(HttpClient client, String pattern, int i, String body, AtomicLong failures) {
        try {
            boolean get = pattern.startsWith("GET ");
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create((get ? pattern.substring(4) : pattern).replace("{n}", Integer.toString(i % 100))))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json");
            HttpRequest r = (get ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body))).build();
            HttpResponse<byte[]> response = client.send(r, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                failures.incrementAndGet();
            }
        } catch (Exception e) {
            failures.incrementAndGet();
        }
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
    }
}
