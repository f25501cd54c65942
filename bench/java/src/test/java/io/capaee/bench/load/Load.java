// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.load;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Request load of the HTTP and gRPC benchmarks (bench/actors/ActorLoad.java, {@code GrpcBench}), whatever the protocol:
 * a fixed rate, with latency measured from each request's intended send time (no coordinated omission), or a
 * saturation run of closed-loop clients. A call that throws is a failure; the result counts them and keeps the
 * first, so that the caller can fail the run naming it.
 */
public final class Load {
    /** Senders of the fixed rate: the schedule holds as long as fewer than this many requests are late at once. */
    public static final int RATE_SENDERS = 64;

    private Load() {}

    /** One request; {@code n} numbers it from 0. Throws when the answer is not the expected one. */
    @FunctionalInterface
    public interface Call {
        void send(int n) throws Exception;
    }

    /** What a run measured; latencies in milliseconds. */
    public record Result(String mode, int requests, double throughput, double p50, double p90, double p99, double max, long failures,
            String firstFailure) {
        @Override
        public String toString() {
            return String.format("%s requests=%d throughput=%.0f/s p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms failures=%d", mode, requests,
                    throughput, p50, p90, p99, max, failures);
        }
    }

    /** {@code perSecond} requests a second for {@code seconds}, each timed from when it should have been sent. */
    public static Result rate(Call call, int perSecond, int seconds) throws InterruptedException {
        int total = perSecond * seconds;
        long interval = 1_000_000_000L / perSecond;
        Recorder recorder = new Recorder(total);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        run(RATE_SENDERS, () -> {
            int i;
            while ((i = next.getAndIncrement()) < total) {
                long intended = start + i * interval;
                long wait = intended - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                recorder.send(call, i, intended);
            }
        });
        return recorder.result("rate", start);
    }

    /** {@code clients} closed loops, each sending its next request when the last is answered, for {@code seconds}. */
    public static Result saturate(Call call, int clients, int seconds) throws InterruptedException {
        Recorder recorder = new Recorder(4_000_000);
        AtomicInteger sequence = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        run(clients, () -> {
            while (System.nanoTime() < end) {
                recorder.send(call, sequence.getAndIncrement(), System.nanoTime());
            }
        });
        return recorder.result("saturate", start);
    }

    private interface Loop {
        void run() throws InterruptedException;
    }

    private static void run(int threads, Loop loop) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    loop.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "load-" + t);
            worker.setDaemon(true);
            worker.start();
        }
        done.await();
    }

    /** Latencies in nanoseconds, as many as fit; failures counted, the first kept. */
    private static final class Recorder {
        private final long[] latencies;
        private final AtomicInteger count = new AtomicInteger();
        private final AtomicLong failures = new AtomicLong();
        private final AtomicReference<String> firstFailure = new AtomicReference<>();

        Recorder(int capacity) {
            latencies = new long[Math.max(1, capacity)];
        }

        void send(Call call, int n, long from) {
            try {
                call.send(n);
            } catch (Exception e) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, e.toString());
            }
            int slot = count.getAndIncrement();
            if (slot < latencies.length) {
                latencies[slot] = System.nanoTime() - from;
            }
        }

        Result result(String mode, long start) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            int c = Math.min(count.get(), latencies.length);
            long[] sorted = Arrays.copyOf(latencies, c);
            Arrays.sort(sorted);
            return new Result(mode, c, c / elapsed, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                    c == 0 ? 0 : sorted[c - 1] / 1e6, failures.get(), firstFailure.get());
        }

        private static double percentile(long[] sorted, int p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)] / 1e6;
        }
    }
}
