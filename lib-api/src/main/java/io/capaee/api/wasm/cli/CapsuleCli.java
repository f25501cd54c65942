// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.cli;

import io.capaee.api.wasm.CliResult;
import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.HostServices;
import io.capaee.api.wasm.WasmEngine;
import io.capaee.api.wasm.WasmFunction;
import io.capaee.api.wasm.WasmFunctionException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * {@code capsule -wasm=hello.wasm -mode=cli arg1 arg2}: runs a Capsule 0.1.x module's CLI
 * handler once and prints what Capsule prints (log lines, then the result). Unlike Capsule it
 * exits non-zero when the handler fails (1) or the module cannot run (2), and guests see only
 * what the flags grant: {@code -files=DIR} (default: the current directory), {@code -env=NAME}
 * or {@code -env=NAME=VALUE}, {@code -allow-http=URL-PREFIX}.
 */
public final class CapsuleCli {
    static final String VERSION = "capa-ee 0.1.0 (Capsule 0.1.x compatible)";
    static final int HANDLER_ERROR = 1;
    static final int FAILURE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> hostEnvironment;

    CapsuleCli(PrintStream out, PrintStream err, Map<String, String> hostEnvironment) {
        this.out = out;
        this.err = err;
        this.hostEnvironment = hostEnvironment;
    }

    public static void main(String[] args) {
        System.exit(new CapsuleCli(System.out, System.err, System.getenv()).run(args));
    }

    int run(String[] args) {
        if (args.length == 0) {
            err.println("usage: capsule -wasm=FILE [-url=URL] -mode=cli [flags] [args...]; capsule -help");
            return FAILURE;
        }
        if (args[0].equals("-version") || args[0].equals("version") || args[0].equals("--version")) {
            out.println(VERSION);
            return 0;
        }
        if (args[0].equals("-help") || args[0].equals("--help") || args[0].equals("-h")) {
            printHelp();
            return 0;
        }
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return FAILURE;
        }
        String mode = options.flag("mode", "cli");
        if (!mode.equals("cli")) {
            err.println("mode '" + mode + "' is not a command-line mode: deploy the module to the Capa EE server for HTTP (see README)");
            return FAILURE;
        }
        String wasm = options.flag("wasm", "");
        if (wasm.isEmpty()) {
            err.println("-wasm=FILE is required");
            return FAILURE;
        }
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "capsule-watchdog");
            t.setDaemon(true);
            return t;
        });
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        try (RedisKeyValue redis = new RedisKeyValue(hostEnvironment.get("REDIS_ADDR"), hostEnvironment.get("REDIS_PWD"), hostEnvironment.get("REDIS_DEFAULTDB"))) {
            Path file = Path.of(wasm);
            String url = options.flag("url", "");
            if (!url.isEmpty()) {
                download(http, url, file);
            }
            byte[] bytes = Files.readAllBytes(file);
            HostServices services = new HostServices(Optional.of(redis), Optional.empty(), "{}", (fn, line) -> out.println(line), http);
            try (WasmEngine engine = new WasmEngine(services, scheduler, !options.flags().containsKey("interpreter"));
                    WasmFunction function = engine.load(file.getFileName().toString(), bytes, settings(options))) {
                CliResult result = function.callCli(options.positional());
                out.println(result.display());
                return result.error().isPresent() ? HANDLER_ERROR : 0;
            }
        } catch (WasmFunctionException e) {
            err.println("Error: " + e.getMessage());
            return FAILURE;
        } catch (IOException e) {
            err.println("Error while loading the wasm file: " + e.getMessage());
            return FAILURE;
        } catch (IllegalArgumentException e) {
            err.println("Error: " + e.getMessage());
            return FAILURE;
        } finally {
            scheduler.shutdownNow();
        }
    }

    private FunctionSettings settings(CliOptions options) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : options.all("env")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            } else if (hostEnvironment.containsKey(entry)) {
                env.put(entry, hostEnvironment.get(entry));
            }
        }
        List<String> allow = options.all("allow-http").stream().flatMap(v -> List.of(v.split(",")).stream()).toList();
        FunctionSettings settings = FunctionSettings.defaults()
                .withEnvironment(env)
                .withFilesDirectory(Path.of(options.flag("files", ".")))
                .withHttpAllowList(allow)
                .withMaxIdleInstances(0);
        if (options.flags().containsKey("timeout")) {
            settings = settings.withCallTimeout(parseDuration(options.flag("timeout", "")));
        }
        if (options.flags().containsKey("max-memory-pages")) {
            settings = settings.withMaxMemoryPages(Integer.parseInt(options.flag("max-memory-pages", "")));
        }
        return settings;
    }

    /** Go-style durations as the other flags use them: {@code 500ms}, {@code 10s}, {@code 2m}. */
    static Duration parseDuration(String text) {
        String t = text.trim();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid duration '" + text + "' (use e.g. 500ms, 10s, 2m)");
        }
    }

    private void download(HttpClient http, String url, Path target) throws IOException {
        out.println("\uD83D\uDCE5 file to download " + url);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("download interrupted", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid URL " + url, e);
        }
        if (response.statusCode() >= 400) {
            throw new IOException("downloading " + url + " answered HTTP " + response.statusCode());
        }
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), ".capsule-", ".download");
        try {
            Files.write(temp, response.body());
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        out.println("\uD83D\uDCE6 file saved as " + target);
    }

    private void printHelp() {
        out.println("""
                capsule -wasm=FILE [-url=URL] [-mode=cli] [flags] [args...]
                  -wasm=FILE            the module to run (with -url: where to save the download)
                  -url=URL              download the module first (HTTP status >= 400 fails)
                  -mode=cli             the only command-line mode (HTTP functions run on the server)
                  -files=DIR            directory hostReadFile/hostWriteFile are confined to (default .)
                  -env=NAME[=VALUE]     grant an environment variable to hostGetEnv (repeatable)
                  -allow-http=PREFIX    URL prefix hostHttp may call, or * (repeatable; default none)
                  -timeout=10s          time limit of the call
                  -max-memory-pages=N   linear memory limit in 64 KiB pages (default 256)
                  -interpreter          run in Chicory's interpreter instead of compiling
                Redis: REDIS_ADDR (localhost:6379), REDIS_PWD, REDIS_DEFAULTDB, as Capsule.
                Exit codes: 0 ok, 1 the handler returned an error, 2 the module could not run.""");
    }
}
