// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A client that is not on loopback: curl inside the network namespace that {@code scripts/netns-client.sh}
 * creates (10.213.0.2), calling the test server on the host side of its veth pair (10.213.0.1). The test server
 * listens on every interface, so it sees this client as a stranger. The namespace is made once per test JVM
 * and removed when the JVM ends; it needs root, as CI has.
 */
public final class RemoteClient {
    public static final String HOST_ADDRESS = "10.213.0.1";
    private static final Object LOCK = new Object();
    private static boolean up;

    /** One answer: status, content type, body. */
    public record Answer(int status, String contentType, String body) {
        public boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    private RemoteClient() {}

    public static String base() {
        return "http://" + HOST_ADDRESS + ":" + System.getProperty("http.port", "9089");
    }

    public static Answer get(String path, String... headers) throws IOException, InterruptedException {
        return send("GET", path, (byte[]) null, headers);
    }

    /** Sends a request from the namespace; {@code headers} are name, value pairs. */
    public static Answer send(String method, String path, byte[] body, String... headers) throws IOException, InterruptedException {
        ensureUp();
        Path out = Files.createTempFile("capa-remote-", ".body");
        Path in = null;
        try {
            List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace(), "curl", "-s", "--path-as-is",
                    "--max-time", "30", "-o", out.toString(), "-w", "%{http_code} %{content_type}", "-X", method));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                command.add("-H");
                command.add(headers[i] + ": " + headers[i + 1]);
            }
            if (body != null) {
                in = Files.createTempFile("capa-remote-", ".req");
                Files.write(in, body);
                command.add("--data-binary");
                command.add("@" + in);
            }
            command.add(base() + path);
            String written = run(command);
            int space = written.indexOf(' ');
            int status = Integer.parseInt(space < 0 ? written.trim() : written.substring(0, space));
            String type = space < 0 ? "" : written.substring(space + 1).trim();
            return new Answer(status, type, Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            if (in != null) {
                Files.deleteIfExists(in);
            }
        }
    }

    public static Answer send(String method, String path, String body, String... headers) throws IOException, InterruptedException {
        return send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * Calls {@code method} (e.g. {@code dapr.proto.runtime.v1.Dapr/GetMetadata}) of the server's gRPC API with an
     * empty message, over HTTP/2 without TLS; answers the response's header block, where a call refused before it
     * ran carries its {@code grpc-status} and {@code grpc-message}.
     */
    public static String grpcHeaders(String method) throws IOException, InterruptedException {
        ensureUp();
        Path headers = Files.createTempFile("capa-remote-", ".headers");
        Path in = Files.createTempFile("capa-remote-", ".req");
        try {
            Files.write(in, new byte[5]); // one gRPC frame: not compressed, length 0
            run(List.of("ip", "netns", "exec", namespace(), "curl", "-s", "--http2-prior-knowledge", "--max-time", "30",
                    "-o", "/dev/null", "-D", headers.toString(), "-H", "content-type: application/grpc", "-H", "te: trailers",
                    "--data-binary", "@" + in, "http://" + HOST_ADDRESS + ":" + System.getProperty("it.grpc.port") + "/" + method));
            return Files.readString(headers, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(headers);
            Files.deleteIfExists(in);
        }
    }

    private static String namespace() {
        return System.getProperty("capa.netns", "capa-remote");
    }

    private static void ensureUp() throws IOException, InterruptedException {
        synchronized (LOCK) {
            if (up) {
                return;
            }
            Path script = Path.of(System.getProperty("capa.scripts.dir", "../scripts"), "netns-client.sh");
            run(List.of("bash", script.toString(), "up"));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    run(List.of("bash", script.toString(), "down"));
                } catch (IOException | InterruptedException e) {
                    // the next "up" removes what is left
                }
            }));
            up = true;
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("CAPA_NETNS", namespace()));
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + command);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("exit " + process.exitValue() + " from " + String.join(" ", command) + ": " + output);
        }
        return output;
    }
}
