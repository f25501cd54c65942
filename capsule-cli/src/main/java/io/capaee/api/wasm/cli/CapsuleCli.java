// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.wasm.cli;

import io.capaee.api.config.Durations;
import io.capaee.api.wasm.CliResult;
import io.capaee.api.wasm.FunctionSettings;
import io.capaee.api.wasm.HostServices;
import io.capaee.api.wasm.WasmEngine;
import io.capaee.api.wasm.WasmFunction;
import io.capaee.api.wasm.WasmFunctionException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * what the flags grant: {@code -files=DIR} (default: no file access), {@code -env=NAME} or
 * {@code -env=NAME=VALUE}, {@code -allow-http=URL-PREFIX}. {@code -url} downloads safely
 * ({@link ModuleDownload}).
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
            ModuleDownload download = new ModuleDownload(parseBytes(options.flag("max-bytes", String.valueOf(ModuleDownload.DEFAULT_MAX_BYTES))),
                    options.flags().containsKey("insecure"), Optional.of(options.flag("sha256", "")).filter(s -> !s.isEmpty()));
            String url = options.flag("url", "");
            if (!url.isEmpty()) {
                out.println("\uD83D\uDCE5 file to download " + url);
                download.fetch(http, url, file);
                out.println("\uD83D\uDCE6 file saved as " + file);
            }
            byte[] bytes = Files.readAllBytes(file);
            download.verify(bytes, file.toString());
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
                // No -files, no file access: Capsule's default was the whole working directory.
                .withFilesDirectory(options.flag("files", "").isEmpty() ? null : Path.of(options.flag("files", "")))
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

    /** Go-style durations as the other flags use them ({@link Durations}), and a bare number of seconds. */
    static Duration parseDuration(String text) {
        String t = text.trim();
        return t.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(t)) : Durations.parse(t);
    }

    private static long parseBytes(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-max-bytes must be a number of bytes, was '" + text + "'");
        }
    }

    private void printHelp() {
        out.println("""
                capsule -wasm=FILE [-url=URL] [-mode=cli] [flags] [args...]
                  -wasm=FILE            the module to run (with -url: where to save the download)
                  -url=URL              download the module first: https only (http only to loopback), any
                                        status but 2xx fails, redirects followed only to https
                  -insecure             allow a plain http -url to any host
                  -max-bytes=N          largest module -url accepts (default 67108864, 64 MiB)
                  -sha256=HEX           the module's expected SHA-256, checked before it runs
                  -mode=cli             the only command-line mode (HTTP functions run on the server)
                  -files=DIR            directory hostReadFile/hostWriteFile are confined to
                                        (default: none, no file access)
                  -env=NAME[=VALUE]     grant an environment variable to hostGetEnv (repeatable)
                  -allow-http=PREFIX    URL prefix hostHttp may call, or * (repeatable; default none)
                  -timeout=10s          time limit of the call
                  -max-memory-pages=N   linear memory limit in 64 KiB pages (default 256)
                  -interpreter          run in Chicory's interpreter instead of compiling
                Redis: REDIS_ADDR (localhost:6379), REDIS_PWD, REDIS_DEFAULTDB, as Capsule; the module's
                keys live under capa:fn:<module file name>: (its own namespace).
                Exit codes: 0 ok, 1 the handler returned an error, 2 the module could not run.""");
    }
}
