// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a single-node KRaft Kafka broker (from the {@code org.apache.kafka:kafka_2.13} artifacts on
 * this JVM's class path) in a child JVM, and lets the build and the tests stop and restart it over
 * a line protocol on a loopback control port: {@code start}, {@code stop}, {@code status},
 * {@code shutdown}. The broker is a separate process so that a "broker outage" in a test is a real
 * one (sockets closed, process gone) and a restart starts from the same log directory.
 *
 * <p>Started by the build (exec-maven-plugin, asynchronously) before the Liberty server, stopped
 * after the tests; it also ends when the Maven JVM that started it ends, so no broker outlives a
 * failed build.
 *
 * <p>Arguments: {@code kafkaPort controllerPort controlPort workDir}.
 */
public final class KafkaBrokerSupervisor {
    /** A restart under a loaded machine (several builds on two cores) was seen to take 80 s. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final int kafkaPort;
    private final Path workDir;
    private final Path properties;
    private Process broker;

    private KafkaBrokerSupervisor(int kafkaPort, int controllerPort, Path workDir) throws IOException {
        this.kafkaPort = kafkaPort;
        this.workDir = workDir;
        this.properties = workDir.resolve("server.properties");
        Files.createDirectories(workDir);
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + kafkaPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + kafkaPort,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + workDir.resolve("data"),
                "num.partitions=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.flush.interval.messages=1",
                "") + "\n");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: KafkaBrokerSupervisor kafkaPort controllerPort controlPort workDir");
            System.exit(2);
        }
        int kafkaPort = Integer.parseInt(args[0]);
        int controllerPort = Integer.parseInt(args[1]);
        int controlPort = Integer.parseInt(args[2]);
        Path workDir = Path.of(args[3]).toAbsolutePath();
        deleteTree(workDir); // every build starts with an empty broker: ports change between builds
        KafkaBrokerSupervisor supervisor = new KafkaBrokerSupervisor(kafkaPort, controllerPort, workDir);
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::stopQuietly, "kafka-broker-stop"));
        // a killed Maven leaves no broker behind
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
        supervisor.format();
        supervisor.start();
        supervisor.serve(controlPort);
    }

    private void format() throws IOException, InterruptedException {
        if (Files.exists(workDir.resolve("data").resolve("meta.properties"))) {
            return;
        }
        String clusterId = org.apache.kafka.common.Uuid.randomUuid().toString();
        Process format = new ProcessBuilder(javaCommand("kafka.tools.StorageTool", "format", "-t", clusterId,
                "-c", properties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("format.log").toFile())
                .start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            throw new IOException("kafka storage format failed, see " + workDir.resolve("format.log"));
        }
    }

    private synchronized String start() throws IOException, InterruptedException {
        if (broker != null && broker.isAlive()) {
            return "running";
        }
        broker = new ProcessBuilder(javaCommand("kafka.Kafka", properties.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("broker.log").toFile()))
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IOException("kafka broker exited with " + broker.exitValue() + ", see "
                        + workDir.resolve("broker.log"));
            }
            if (portOpen(kafkaPort)) {
                return "started";
            }
            Thread.sleep(100);
        }
        throw new IOException("kafka broker did not open port " + kafkaPort + " in " + START_TIMEOUT);
    }

    private synchronized String stop() throws InterruptedException {
        if (broker == null || !broker.isAlive()) {
            return "stopped";
        }
        broker.destroy(); // SIGTERM: the broker's own controlled shutdown
        if (!broker.waitFor(30, TimeUnit.SECONDS)) {
            broker.destroyForcibly().waitFor();
        }
        while (portOpen(kafkaPort)) {
            Thread.sleep(50);
        }
        return "stopped";
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(int controlPort) throws IOException {
        try (ServerSocket server = new ServerSocket(controlPort, 10, InetAddress.getLoopbackAddress())) {
            System.out.println("kafka broker on 127.0.0.1:" + kafkaPort + ", control port " + controlPort);
            while (true) {
                try (Socket socket = server.accept();
                        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                StandardCharsets.UTF_8));
                        PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8)) {
                    String command = in.readLine();
                    String reply;
                    try {
                        reply = switch (command == null ? "" : command.trim()) {
                            case "start" -> start();
                            case "stop" -> stop();
                            case "status" -> broker != null && broker.isAlive() ? "running" : "stopped";
                            // the pid lets the build wait for this JVM's exit before it moves on
                            case "shutdown" -> stop() + " " + ProcessHandle.current().pid();
                            default -> "error unknown command " + command;
                        };
                    } catch (IOException | RuntimeException e) {
                        reply = "error " + e.getMessage();
                    }
                    out.println(reply);
                    if ("shutdown".equals(command)) {
                        System.exit(0);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (IOException e) {
                    System.err.println("control connection failed: " + e);
                }
            }
        }
    }

    private static List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
