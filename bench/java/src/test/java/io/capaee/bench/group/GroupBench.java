// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.group;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A group of servers under load while one is killed and restarted and the brokers restart (bench/group.sh).
 * CLIENTS closed-loop clients call {@code counter/a-N/method/add 1} on ACTORS actors through a random
 * server; REMINDERS one-shot reminders come due over the run; a publisher publishes numbered messages to the
 * group's pub/sub topic through a random server (the subscription delivers them to this program's app), and
 * another publishes numbered messages to JetStream, which a connector deployed on the group moves to Kafka.
 * Over the run the shell's commands kill a server ({@code kill -9}), start it again, and restart NATS, Redis
 * and Kafka. At the end each actor's stored count is compared with the calls answered 200 (a count below them
 * is a lost update), each reminder's fires are counted, and every message accepted (a publish answered 204,
 * a JetStream publish acknowledged) is looked for at its end. Prints BENCH lines: calls answered, failed,
 * lost, applied without an answer; reminders due, fired once, twice, missing; messages accepted, delivered,
 * lost, delivered twice; the longest a call waited after the kill; throughput with failures against the
 * steady phase before them.
 */
public final class GroupBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private GroupBench() {}

    public static void main(String[] args) throws Exception {
        List<String> servers = List.of(System.getProperty("bench.servers").split(","));
        int actors = Integer.getInteger("bench.actors", 50);
        int clients = Integer.getInteger("bench.clients", 8);
        int seconds = Integer.getInteger("bench.seconds", 120);
        int reminders = Integer.getInteger("bench.reminders", 60);
        int warmup = Integer.getInteger("bench.warmup", 20);
        String kill = System.getProperty("bench.kill");
        String restart = System.getProperty("bench.restart");
        String redisRestart = System.getProperty("bench.redis-restart", "");
        String natsRestart = System.getProperty("bench.nats-restart", "");
        String kafkaRestart = System.getProperty("bench.kafka-restart", "");
        Messages messages = new Messages(System.getProperty("bench.nats"), System.getProperty("bench.kafka"),
                Integer.getInteger("bench.app-port"), System.getProperty("bench.topic", "group-bench"));
        messages.deployConnector(servers.get(0));

        Map<Integer, AtomicInteger> answered = new ConcurrentHashMap<>();
        LongAdder failed = new LongAdder();
        LongAdder refused = new LongAdder();
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong longestAfterKill = new AtomicLong();
        LongAdder steadyCalls = new LongAdder();
        LongAdder failureCalls = new LongAdder();
        warmUp(servers, actors, clients, warmup);
        long start = System.nanoTime();
        long phaseOne = start + TimeUnit.SECONDS.toNanos(seconds) / 5;
        long end = start + TimeUnit.SECONDS.toNanos(seconds);

        // reminders due from 10 s after the start to 20 s before the end, through any server
        for (int i = 0; i < reminders; i++) {
            long dueMillis = 10_000 + (long) i * Math.max(1, (seconds - 30) * 1000L / Math.max(1, reminders));
            HttpResponse<String> r = send(servers.get(i % servers.size()), "counter/w-" + i + "/reminders/wake",
                    "{\"dueTime\":\"" + dueMillis + "ms\"}");
            if (r.statusCode() != 204) {
                throw new IllegalStateException("reminder w-" + i + ": " + r.statusCode() + " " + r.body());
            }
        }

        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    int actor = ThreadLocalRandom.current().nextInt(actors);
                    String server = servers.get(ThreadLocalRandom.current().nextInt(servers.size()));
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> r = send(server, "counter/a-" + actor + "/method/add", "1");
                        if (r.statusCode() == 200) {
                            answered.computeIfAbsent(actor, k -> new AtomicInteger()).incrementAndGet();
                            (sent < phaseOne ? steadyCalls : failureCalls).increment();
                        } else {
                            failed.increment();
                            statuses.computeIfAbsent(r.statusCode(), k -> new LongAdder()).increment();
                        }
                    } catch (java.net.ConnectException e) {
                        refused.increment(); // the killed server: a load balancer would have taken it out
                    } catch (IOException e) {
                        failed.increment();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long done = System.nanoTime();
                    if (sent >= killedAt.get() && sent < killedAt.get() + TimeUnit.SECONDS.toNanos(10)) {
                        longestAfterKill.accumulateAndGet((done - sent) / 1_000_000, Math::max);
                    }
                }
            }, "client-" + c);
            threads.add(t);
            t.start();
        }

        List<String> up = new java.util.concurrent.CopyOnWriteArrayList<>(servers);
        threads.add(messages.publishing(up, end));
        threads.add(messages.publishingToJetStream(end));

        sleepUntil(start + TimeUnit.SECONDS.toNanos(seconds) / 5);
        killedAt.set(System.nanoTime());
        up.remove(servers.get(servers.size() - 1)); // the publisher's load balancer takes the killed server out
        run(kill);
        sleepUntil(start + TimeUnit.SECONDS.toNanos(seconds) * 2 / 5);
        Thread restarting = new Thread(() -> {
            run(restart);
            up.add(servers.get(servers.size() - 1));
        }, "restart");
        restarting.start();
        if (!natsRestart.isBlank()) {
            sleepUntil(start + TimeUnit.SECONDS.toNanos(seconds) * 11 / 20);
            run(natsRestart);
        }
        if (!redisRestart.isBlank()) {
            sleepUntil(start + TimeUnit.SECONDS.toNanos(seconds) * 7 / 10);
            run(redisRestart);
        }
        if (!kafkaRestart.isBlank()) {
            sleepUntil(start + TimeUnit.SECONDS.toNanos(seconds) * 17 / 20);
            run(kafkaRestart);
        }
        for (Thread t : threads) {
            t.join();
        }
        restarting.join();
        Thread.sleep(15_000); // late reminders, and a second fire would have come by now

        long lost = 0;
        long unanswered = 0;
        long ok = 0;
        for (int i = 0; i < actors; i++) {
            int calls = answered.getOrDefault(i, new AtomicInteger()).get();
            ok += calls;
            int stored = storedInt(servers.get(0), "a-" + i, "count");
            if (stored < calls) {
                lost += calls - stored;
            } else {
                unanswered += stored - calls;
            }
        }
        int once = 0;
        int twice = 0;
        int missing = 0;
        for (int i = 0; i < reminders; i++) {
            int fires = storedInt(servers.get(0), "w-" + i, "reminded.wake");
            if (fires == 0) {
                missing++;
            } else if (fires == 1) {
                once++;
            } else {
                twice++;
            }
        }
        double steady = steadyCalls.sum() / (seconds / 5.0);
        double withFailures = failureCalls.sum() / (seconds * 4 / 5.0);
        Messages.Outcome pubsub = messages.pubSubOutcome();
        Messages.Outcome connector = messages.connectorOutcome();
        System.out.printf("BENCH actor calls: %d answered, %d failed %s, %d refused by the killed server (connection refused), %d lost "
                + "(answered but not in the state), %d applied without an answer%n", ok, failed.sum(), statuses, refused.sum(), lost, unanswered);
        System.out.printf("BENCH reminders: %d due, %d fired once, %d fired more than once, %d not fired%n", reminders, once, twice, missing);
        System.out.printf("BENCH pub/sub (Redis streams, one consumer group over the servers): %s%n", pubsub);
        System.out.printf("BENCH connector JetStream -> Kafka (one durable consumer over the servers): %s%n", connector);
        System.out.printf("BENCH after the kill: the longest call started within 10 s of it took %d ms%n", longestAfterKill.get());
        System.out.printf("BENCH throughput (calls answered 200): %.0f/s steady, %.0f/s through the kill, the restart and the broker restarts (ratio %.2f)%n",
                steady, withFailures, withFailures / steady);
        messages.close();
        if (lost > 0 || twice > 0 || missing > 0 || pubsub.lost() > 0 || connector.lost() > 0) {
            System.exit(1);
        }
    }

    /** Calls every actor through every server for {@code seconds}, not counted: the servers' code is compiled before the steady phase. */
    private static void warmUp(List<String> servers, int actors, int clients, int seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        send(servers.get(ThreadLocalRandom.current().nextInt(servers.size())),
                                "counter/warm-" + ThreadLocalRandom.current().nextInt(actors) + "/method/add", "1");
                    } catch (IOException e) {
                        // not counted
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static HttpResponse<String> send(String server, String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server + "/v1.0/actors/" + path)).timeout(Duration.ofSeconds(90))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** An actor's state value as an int (0 when absent), read through the API (the shared store). */
    private static int storedInt(String server, String actor, String key) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server + "/v1.0/actors/counter/" + actor + "/state/" + key))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? Integer.parseInt(r.body().trim()) : 0;
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void run(String command) {
        try {
            Process p = new ProcessBuilder("bash", "-c", command).inheritIO().start();
            if (p.waitFor() != 0) {
                System.err.println("command failed: " + command);
            }
        } catch (IOException e) {
            System.err.println("command failed: " + command + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
