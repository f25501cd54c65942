// SPDX-License-Identifier: Apache-2.0
package io.capaee.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Liberty server the benchmark build started, seen from the benchmark's JVM: its CPU time (to
 * print what a message or call cost the server) and, when asked for, a JFR recording of one
 * measured phase. The server's pid is the file Liberty writes under {@code usr/servers/.pid}.
 */
public final class BenchServer {
    private final ProcessHandle process;

    private BenchServer(ProcessHandle process) {
        this.process = process;
    }

    /** The running server named {@code name} of the benchmark build, if its pid file names a live process. */
    public static Optional<BenchServer> find(String name) {
        Path pid = Path.of("target/liberty/usr/servers/.pid", name + ".pid");
        try {
            return ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).map(BenchServer::new);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The server's CPU time so far (all its threads, the JIT's included). */
    public Duration cpu() {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Starts JFR's profile recording named {@code name}. */
    public void startRecording(String name) throws IOException, InterruptedException {
        jcmd("JFR.start", "name=" + name, "settings=profile");
    }

    /** Stops the recording named {@code name} and writes it to {@code file}. */
    public void stopRecording(String name, Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        jcmd("JFR.stop", "name=" + name, "filename=" + file.toAbsolutePath());
    }

    private void jcmd(String... command) throws IOException, InterruptedException {
        String[] line = new String[command.length + 2];
        line[0] = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        line[1] = Long.toString(process.pid());
        System.arraycopy(command, 0, line, 2, command.length);
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0) {
            throw new IOException(String.join(" ", line) + " failed: " + out);
        }
    }
}
