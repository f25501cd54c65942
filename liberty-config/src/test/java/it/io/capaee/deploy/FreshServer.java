// SPDX-License-Identifier: Apache-2.0
package it.io.capaee.deploy;

import it.io.capaee.support.SecondServer;
import it.io.capaee.support.Server;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Liberty server made from nothing in the runtime the build already extracted (no second
 * download): its directory is filled by the caller, then it is started with {@code bin/server}
 * and waited for until {@code /health/ready} answers 200.
 */
final class FreshServer implements AutoCloseable {
    private final Path wlp;
    private final String name;
    private final String base;

    /** What goes into the server's directory (server.xml, apps/, ...) before it starts. */
    @FunctionalInterface
    interface Contents {
        void write(Path serverDir) throws Exception;
    }

    private FreshServer(Path wlp, String name, String base) {
        this.wlp = wlp;
        this.name = name;
        this.base = base;
    }

    static FreshServer create(String name, Contents contents, String base) throws Exception {
        Path wlp = Server.dir().getParent().getParent().getParent();
        FreshServer server = new FreshServer(wlp, name, base);
        if (Files.isDirectory(server.dir())) {
            server.run("stop");
            deleteTree(server.dir());
        }
        Files.createDirectories(server.dir());
        contents.write(server.dir());
        SecondServer.addExtraServerJvmOptions(server.dir());
        server.run("start");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(300); // as SecondServer: starts are slow on a busy machine
        while (System.nanoTime() < end) {
            try {
                if (server.send(server.request("/health/ready")).statusCode() == 200) {
                    return server;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Path log = server.dir().resolve("logs/messages.log");
            if (Files.exists(log) && Files.readString(log).contains("CWWKZ0002E")) {
                break; // the application failed to start: no use waiting
            }
            Thread.sleep(500);
        }
        server.close();
        throw new AssertionError("server " + name + " was not ready on " + base + "/health/ready; see " + server.dir().resolve("logs"));
    }

    Path dir() {
        return wlp.resolve("usr/servers").resolve(name);
    }

    String base() {
        return base;
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return Server.send(request);
    }

    @Override
    public void close() throws Exception {
        run("stop");
    }

    private void run(String action) throws Exception {
        Process p = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("server " + action + " " + name + " did not finish");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
