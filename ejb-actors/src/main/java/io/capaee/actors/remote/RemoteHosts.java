// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.remote;

import io.capaee.actors.runtime.HostedType;
import io.capaee.actors.runtime.Reentrancy;
import io.capaee.actors.schedule.DaprTimes;
import io.capaee.api.actors.ActorException;
import io.capaee.api.json.Jsonp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The remote actor hosts of server variable {@code capa.actors.hosts}: a comma-separated list of
 * entries, each either {@code type1|type2@http://host:port} (those types, fixed) or
 * {@code http://host:port} (the types that the host's {@code /dapr/config} lists, asked when an
 * unknown type is first addressed, and again at most every few seconds while it is unknown).
 */
public final class RemoteHosts {
    private static final Logger LOG = Logger.getLogger(RemoteHosts.class.getName());
    private static final Duration ASK_AGAIN = Duration.ofSeconds(2);

    private final List<RemoteActorType> fixed = new ArrayList<>();
    private final List<RemoteHost> discovered = new ArrayList<>();
    private final Map<RemoteHost, Instant> asked = new HashMap<>();
    private final Clock clock;

    public RemoteHosts(String config, HttpClient client, Duration timeout, Clock clock) {
        this.clock = clock;
        if (config == null) {
            return;
        }
        for (String entry : config.split("[,\\s]+")) {
            if (entry.isBlank()) {
                continue;
            }
            int at = entry.indexOf('@');
            URI url = url(at < 0 ? entry : entry.substring(at + 1));
            RemoteHost host = new RemoteHost(url, client, timeout);
            if (at < 0) {
                discovered.add(host);
            } else {
                for (String type : entry.substring(0, at).split("\\|")) {
                    fixed.add(new RemoteActorType(type.trim(), host, Optional.empty()));
                }
            }
        }
    }

    private static URI url(String s) {
        try {
            URI u = URI.create(s.trim());
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST, "capa.actors.hosts: '" + s + "' is not an http(s) URL");
        }
    }

    /** The types given with their host in the configuration. */
    public List<RemoteActorType> fixedTypes() {
        return List.copyOf(fixed);
    }

    /** Asks the discovering hosts (not asked in the last seconds) whether one hosts {@code type}. */
    public synchronized Optional<HostedType> find(String type) {
        Instant now = clock.instant();
        for (RemoteHost host : discovered) {
            Instant last = asked.get(host);
            if (last != null && last.plus(ASK_AGAIN).isAfter(now)) {
                continue;
            }
            asked.put(host, now);
            try {
                Optional<HostedType> found = fromConfig(host, host.config(), type);
                if (found.isPresent()) {
                    return found;
                }
            } catch (RuntimeException e) {
                LOG.warning("actor host " + host.base() + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Reads Dapr's {@code /dapr/config} answer: entities, actorIdleTimeout and per-type entitiesConfig. */
    static Optional<HostedType> fromConfig(RemoteHost host, String json, String type) {
        JsonObject config;
        try (var reader = Jsonp.createReader(new StringReader(json))) {
            config = reader.readObject();
        }
        List<String> entities = strings(config.get("entities"));
        if (!entities.contains(type)) {
            return Optional.empty();
        }
        Optional<Duration> idle = idle(config);
        Optional<Reentrancy> reentrancy = reentrancy(config);
        JsonValue perType = config.get("entitiesConfig");
        if (perType != null && perType.getValueType() == JsonValue.ValueType.ARRAY) {
            for (JsonValue v : perType.asJsonArray()) {
                if (v instanceof JsonObject o && strings(o.get("entities")).contains(type)) {
                    idle = idle(o).or(() -> idle(config));
                    reentrancy = reentrancy(o).or(() -> reentrancy(config));
                }
            }
        }
        return Optional.of(new RemoteActorType(type, host, idle, reentrancy));
    }

    /** Dapr's {@code "reentrancy": {"enabled": bool, "maxStackDepth": n}} (depth 32 when not given). */
    private static Optional<Reentrancy> reentrancy(JsonObject o) {
        if (!(o.get("reentrancy") instanceof JsonObject r)) {
            return Optional.empty();
        }
        int depth = r.get("maxStackDepth") instanceof JsonNumber n ? n.intValue() : 32;
        if (depth < 1) {
            throw new ActorException(ActorException.Reason.BAD_REQUEST, "reentrancy.maxStackDepth must be at least 1, not " + depth);
        }
        return Optional.of(new Reentrancy(r.get("enabled") == JsonValue.TRUE, depth));
    }

    private static Optional<Duration> idle(JsonObject o) {
        String s = o.containsKey("actorIdleTimeout") && o.get("actorIdleTimeout") instanceof JsonString js ? js.getString() : "";
        return s.isBlank() ? Optional.empty() : Optional.of(DaprTimes.duration("actorIdleTimeout", s));
    }

    private static List<String> strings(JsonValue v) {
        List<String> list = new ArrayList<>();
        if (v != null && v.getValueType() == JsonValue.ValueType.ARRAY) {
            v.asJsonArray().forEach(e -> {
                if (e instanceof JsonString s) {
                    list.add(s.getString());
                }
            });
        }
        return list;
    }
}
