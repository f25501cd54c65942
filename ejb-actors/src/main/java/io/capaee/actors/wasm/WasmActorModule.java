// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.wasm;

import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorNames;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of server variable {@code capa.actors.wasm}: {@code type=/path/to/module.wasm} (for
 * instance a module of the functions directory) or {@code type=http://.../registry/org/name/tag/file.wasm}
 * (downloaded from the module registry at start).
 */
public record WasmActorModule(String type, String location) {
    public static List<WasmActorModule> parse(String config) {
        List<WasmActorModule> modules = new ArrayList<>();
        for (String entry : config.split("[,\\s]+")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new ActorException(ActorException.Reason.BAD_REQUEST, "capa.actors.wasm: '" + entry + "' is not type=module");
            }
            modules.add(new WasmActorModule(ActorNames.check("actor type", entry.substring(0, eq).trim()), entry.substring(eq + 1).trim()));
        }
        return modules;
    }

    /** The module's bytes. */
    public byte[] read() {
        try {
            if (location.startsWith("http://") || location.startsWith("https://")) {
                HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create(location)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new IOException("HTTP " + r.statusCode());
                }
                return r.body();
            }
            return Files.readAllBytes(Path.of(location));
        } catch (IOException e) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST, "capa.actors.wasm: cannot read the module of '" + type + "' at " + location + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActorException(ActorException.Reason.BAD_REQUEST, "interrupted reading " + location);
        }
    }
}
