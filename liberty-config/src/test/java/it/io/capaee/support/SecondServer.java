// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Another Liberty server on loopback, made from a copy of the test server with its ports moved
 * by an offset and some bootstrap properties changed; it neither registers in the app registry,
 * nor serves NATS, nor consumes the first server's pub/sub streams, jobs or subscriptions, nor shares
 * the first server's desired state unless {@code changes} say so.
 */
public final class SecondServer implements AutoCloseable {
    private final Path wlp;
    private final String name;
    public final String base;
    /** Its HTTPS URL: the test server's self-signed certificate, made for {@code localhost}, is copied with its directory. */
    public final String secureBase;
    private final int[] ports;

    private SecondServer(Path wlp, String name, String base, String secureBase, int... ports) {
        this.wlp = wlp;
        this.name = name;
        this.base = base;
        this.secureBase = secureBase;
        this.ports = ports.clone();
    }

    /** Creates and starts the server; {@code changes} maps a property to its value, or to null to remove it. */
    public static SecondServer start(String name, int portOffset, Map<String, String> changes) throws Exception {
        return start(name, portOffset, changes, Map.of());
    }

    /**
     * As {@link #start(String, int, Map)}, with configuration of its own: {@code overrides} maps a file name to
     * a {@code <server>} document that goes into the server's {@code configDropins/overrides}, which Liberty reads
     * after server.xml (features there join the server's, elements there add to or replace server.xml's), as
     * an operator adds to a server without editing the shipped files.
     */
    public static SecondServer start(String name, int portOffset, Map<String, String> changes, Map<String, String> overrides)
            throws Exception {
        return start(name, portOffset, changes, overrides, dir -> { });
    }

    /** What a test does to the server's directory before the server starts (see the next method). */
    @FunctionalInterface
    public interface Setup {
        void apply(Path serverDir) throws Exception;
    }

    /**
     * As {@link #start(String, int, Map, Map)}, with {@code setup} run on the server's directory once everything else
     * is in place, just before the start: a script that makes a server what a how-to says (another JDK in server.env,
     * options in jvm.options, libraries).
     */
    public static SecondServer start(String name, int portOffset, Map<String, String> changes, Map<String, String> overrides,
            Setup setup) throws Exception {
        Path first = Server.dir();
        Path wlp = first.getParent().getParent().getParent();
        Path second = first.getParent().resolve(name);
        if (Files.isDirectory(second)) {
            run(wlp, name, "stop");
        }
        deleteTree(second);
        try (Stream<Path> files = Files.walk(first)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path rel = first.relativize(p);
                if (rel.startsWith("logs") || rel.startsWith("workarea") || rel.startsWith("functions")
                        || rel.startsWith("function-files") || rel.startsWith("registry")) {
                    continue;
                }
                Path target = second.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Properties bootstrap = new Properties();
        try (InputStream in = Files.newInputStream(first.resolve("bootstrap.properties"))) {
            bootstrap.load(in);
        }
        int http = Integer.parseInt(bootstrap.getProperty("http.port")) + portOffset;
        int https = Integer.parseInt(bootstrap.getProperty("https.port")) + portOffset;
        bootstrap.setProperty("http.port", String.valueOf(http));
        bootstrap.setProperty("https.port", String.valueOf(https));
        bootstrap.setProperty("capa.proxy.routes-file", ""); // the first server loaded it already
        bootstrap.remove("capa.functions.from-config.wasm");
        // not the first server's app id in the registry, nor a second answerer of its NATS subjects
        bootstrap.setProperty("capa.invoke.registry", "none");
        bootstrap.setProperty("capa.rpc.nats.enabled", "false");
        bootstrap.setProperty("capa.grpc.enabled", "false"); // the first server's gRPC port is taken
        // one server owns an actor (a second one would also fire the first one's reminders), and the
        // first server's input bindings must not lose messages to a second consumer in the same group
        bootstrap.stringPropertyNames().stream().filter(k -> k.startsWith("capa.actors.")).forEach(bootstrap::remove);
        bootstrap.stringPropertyNames().stream().filter(k -> k.startsWith("capa.bindings.") && k.endsWith("-input.enabled"))
                .forEach(k -> bootstrap.setProperty(k, "false"));
        // a desired state of its own (its files are in its directory anyway): what the first server's
        // APIs deployed is not deployed here too; a test of a shared desired state passes the first one's keys
        bootstrap.setProperty("capa.desired-state.key-prefix", "capa:desired:" + bootstrap.getProperty("capa.app.id", "capa")
                + "@" + name + ":");
        // nor a consumer of what the first server's tests publish and schedule: they run while this server is up
        // (failsafe runs the classes concurrently), and a second consumer in the first server's stream groups, of its
        // jobs or of its declared subscriptions would take messages from them. Its pub/sub streams (the sample
        // application's channels read one at start), jobs, MQTT client ids and app are its own.
        bootstrap.setProperty("capa.pubsub.stream-prefix", bootstrap.getProperty("capa.pubsub.stream-prefix", "") + name + ":");
        bootstrap.setProperty("capa.jobs.key-prefix", bootstrap.getProperty("capa.jobs.key-prefix", "capa:jobs:") + name + ":");
        bootstrap.setProperty("capa.pubsub.mqtt.client-id-prefix", bootstrap.getProperty("capa.pubsub.mqtt.client-id-prefix", "capa") + "-" + name);
        bootstrap.remove("capa.app.url");
        bootstrap.stringPropertyNames().stream().filter(k -> k.startsWith("capa.subscription.")).forEach(bootstrap::remove);
        changes.forEach((k, v) -> {
            if (v == null) {
                bootstrap.remove(k);
            } else {
                bootstrap.setProperty(k, v);
            }
        });
        addExtraServerJvmOptions(second);
        Path dropins = Files.createDirectories(second.resolve("configDropins/overrides"));
        for (Map.Entry<String, String> file : overrides.entrySet()) {
            Files.writeString(dropins.resolve(file.getKey()), file.getValue());
        }
        try (OutputStream out = Files.newOutputStream(second.resolve("bootstrap.properties"))) {
            bootstrap.store(out, "second server " + name);
        }
        setup.apply(second);
        SecondServer s = new SecondServer(wlp, name, "http://localhost:" + http, "https://localhost:" + https, http, https);
        try {
            s.startAgain();
        } catch (AssertionError | Exception e) {
            s.close(); // the class gets no server to stop: one left running would hold its ports for the classes after it
            throw e;
        }
        return s;
    }

    /**
     * Adds the build's JVM options for the tests' extra servers ({@code it.extra-server.jvm-options}, none when
     * unset) to the server directory's jvm.options: they start many times on few cores, and the build may ask
     * for a JVM that starts sooner (liberty-config/pom.xml); a benchmark of the server leaves them unset.
     */
    public static void addExtraServerJvmOptions(Path serverDir) throws IOException {
        String jvmOptions = System.getProperty("it.extra-server.jvm-options", "").strip();
        if (!jvmOptions.isEmpty()) {
            Files.writeString(serverDir.resolve("jvm.options"), "\n" + String.join("\n", jvmOptions.split("\\s+")) + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /**
     * Starts the server (again, after {@link #close} or {@link #kill}), keeping its directory, and
     * waits until its applications answer; returns how long that took.
     */
    public Duration startAgain() throws Exception {
        long start = System.nanoTime();
        launch();
        // on 2 cores busy with the other classes (and their extra servers), a start has taken over 200 s
        long end = start + Duration.ofSeconds(300).toNanos();
        while (System.nanoTime() < end) {
            try {
                // a public probe that answers once the application is up, whatever the server's security settings
                if (Server.send(HttpRequest.newBuilder(URI.create(base + "/v1.0/healthz"))).statusCode() == 204) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("server " + name + " did not answer on " + base + "; see " + dir().resolve("logs"));
    }

    /**
     * Starts the server (again, after {@link #close} or {@link #kill}) without waiting for its applications: for a
     * test of a server whose application must not start, which reads the reason in {@link #dir()}'s logs.
     */
    public void launch() throws Exception {
        for (int port : ports) {
            requireFree(port);
        }
        run(wlp, name, "start");
    }

    /**
     * Refuses a port that another process listens on: a server left running by an earlier run (its JVM outlives a
     * build that was killed before its {@code @AfterAll}, and another checkout's servers use the same ports) would
     * answer the start's probe and every request after it, with its own build's applications, while this server
     * could not bind the port. That is how a viewer's call of an actor endpoint once got the old gateway's 404
     * {@code PAGE_NOT_FOUND}.
     */
    private void requireFree(int port) throws IOException {
        for (InetAddress address : InetAddress.getAllByName("localhost")) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress(address, port), 1000);
            } catch (IOException e) {
                continue; // nobody listens there
            }
            throw new AssertionError("port " + port + " (" + address.getHostAddress() + ") is taken by another process, so server " + name
                    + " cannot start there; a server left running by an earlier run? (ss -ltnp 'sport = :" + port + "')");
        }
    }

    /** The server's directory (its output directory too): desired-state files, logs, registry. */
    public Path dir() {
        return wlp.resolve("usr/servers").resolve(name);
    }

    /**
     * Ends the server's JVM with SIGKILL, as a crash or the OOM killer would: no shutdown hook,
     * no application stop. Returns once the process is gone.
     */
    public void kill() throws Exception {
        Path pidFile = wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("server " + name + " is not running (pid " + pid + ")"));
        Process kill = new ProcessBuilder("kill", "-9", String.valueOf(pid)).redirectErrorStream(true).start();
        if (kill.waitFor() != 0) {
            throw new AssertionError("kill -9 " + pid + " failed");
        }
        process.onExit().get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        run(wlp, name, "stop");
    }

    private static void run(Path wlp, String name, String action) throws Exception {
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("server " + action + " " + name + " did not finish");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
