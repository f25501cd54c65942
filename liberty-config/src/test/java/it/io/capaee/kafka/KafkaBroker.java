// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.kafka;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The tests' handle on the Kafka broker the build started ({@link KafkaBrokerSupervisor}): its
 * bootstrap address, and stop/start for outage tests. Failsafe passes {@code kafka.bootstrap} and
 * {@code kafka.control.port}.
 */
public final class KafkaBroker {
    private KafkaBroker() {
    }

    /** {@code host:port} of the broker's PLAINTEXT listener. */
    public static String bootstrap() {
        return required("kafka.bootstrap");
    }

    /** Stops the broker process (a real outage: its sockets close); returns when its port is closed. */
    public static void stop() {
        expect(command("stop"), "stopped");
    }

    /** Starts the broker again from the same log directory; returns when its port answers. */
    public static void start() {
        String reply = command("start");
        if (!reply.equals("started") && !reply.equals("running")) {
            throw new IllegalStateException("kafka broker start: " + reply);
        }
    }

    /** Sends one control command; the CLI form is used by the build to shut the broker down. */
    public static String command(String command) {
        int port = Integer.parseInt(required("kafka.control.port"));
        return send(port, command);
    }

    static String send(int port, String command) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8))) {
            socket.setSoTimeout(200_000); // beyond the supervisor's start timeout
            out.println(command);
            String reply = in.readLine();
            return reply == null ? "error no reply" : reply;
        } catch (IOException e) {
            throw new UncheckedIOException("kafka broker control port " + port + ": " + command, e);
        }
    }

    /** Waits for the supervisor JVM to end, so Maven does not exit while its async process still runs. */
    private static void awaitExit(long pid) {
        ProcessHandle.of(pid).ifPresent(process -> {
            try {
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                Thread.sleep(200); // let exec-maven-plugin's watcher see the exit before Maven shuts down
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                System.out.println("kafka broker supervisor " + pid + " did not exit: " + e);
            }
        });
    }

    private static void expect(String reply, String wanted) {
        if (!reply.equals(wanted)) {
            throw new IllegalStateException("kafka broker: expected " + wanted + ", got " + reply);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set (failsafe sets it)");
        }
        return value;
    }

    /** {@code KafkaBroker controlPort command}: used by the build after the tests ({@code shutdown}). */
    public static void main(String[] args) {
        try {
            String reply = send(Integer.parseInt(args[0]), args[1]);
            System.out.println("kafka broker: " + reply);
            if (reply.startsWith("stopped ")) {
                awaitExit(Long.parseLong(reply.substring("stopped ".length())));
            }
        } catch (UncheckedIOException e) {
            // already gone (e.g. it ended with a failed build): nothing to shut down
            System.out.println("kafka broker: not running (" + e.getCause().getMessage() + ")");
        }
    }
}
