// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.routes;

import io.capaee.api.json.Jsonp;
import io.capaee.api.kv.KeyValueConnection;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * One server of those sharing a route table, as it announces itself with each worker heartbeat in the
 * key/value store ({@code <routes-key>:servers:<url>}): its id, the base URL it is reached at (the origin of
 * {@code capa.worker.local-url}), its version, and until when it counts as alive. Beside the worker's own
 * beat ({@code <routes-key>:workers:...}, a bare time, read by older servers), not in it. The console lists
 * these; nothing else depends on them.
 *
 * @param aliveUntilMillis epoch milliseconds: the beat's time plus {@code capa.worker.heartbeat-lapse}
 */
public record ServerAnnouncement(String id, String url, String version, long aliveUntilMillis) {
    /** The version every API of this build reports (Dapr's {@code runtimeVersion} too). */
    public static final String VERSION = "capa-ee-0.1";

    public ServerAnnouncement {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(version, "version");
    }

    /** The key of the server reached at {@code url}. */
    public static String key(String routesKey, String url) {
        return routesKey + ":servers:" + url;
    }

    /** The glob of every server's key. */
    public static String pattern(String routesKey) {
        return KeyValueConnection.globLiteral(routesKey + ":servers:") + "*";
    }

    /** The origin (scheme, host, port) of {@code localUrl}: where the server's APIs and console are. */
    public static String origin(String localUrl) {
        URI uri = URI.create(localUrl.strip());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    /** {@code capa.server.id} when set, else {@code <host name>-<http port>}, as the resource adapter names the server. */
    public static String serverId(String configured, int httpPort) {
        String id = configured == null || configured.isBlank() ? hostName() + "-" + httpPort : configured.strip();
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public String json() {
        return Jsonp.createObjectBuilder().add("id", id).add("url", url).add("version", version)
                .add("aliveUntil", aliveUntilMillis).build().toString();
    }

    /** An announcement read back; empty when the value is not one (written by something else). */
    public static Optional<ServerAnnouncement> parse(String json) {
        try (var reader = Jsonp.createReader(new StringReader(json))) {
            JsonObject o = reader.readObject();
            return Optional.of(new ServerAnnouncement(o.getString("id"), o.getString("url"), o.getString("version"),
                    o.getJsonNumber("aliveUntil").longValue()));
        } catch (JsonException | ClassCastException | NullPointerException e) {
            return Optional.empty();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
