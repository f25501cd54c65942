// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.traffic;

import io.capaee.api.config.Durations;
import io.capaee.api.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The one form of a rule set, read from YAML (the rules file, the admin API) or JSON (the store,
 * the admin API: JSON is YAML), and written as JSON:
 *
 * <pre>
 * rules:
 *   - name: shop
 *     match: {host: shop.example, path: /shop, methods: [GET], headers: {x-tenant: a}}
 *     upstreams:
 *       - {name: v1, url: http://127.0.0.1:8081, weight: 95}
 *       - {name: v2, url: http://127.0.0.1:8082, weight: 5}
 *     pin-header: x-version
 *     strip-prefix: false
 *     mirror: {url: http://127.0.0.1:8083, percent: 10}
 *     timeout: 2s
 *     retries: 1
 *     breaker: {failures: 5, open-for: 30s}
 * </pre>
 *
 * A mistake is a {@link TrafficException} INVALID naming the rule and the field.
 */
public final class TrafficRulesDocument {
    private static final JsonProvider JSON = Jsonp.provider();
    private static final Set<String> RULE_KEYS = Set.of("name", "match", "upstreams", "pin-header", "strip-prefix", "mirror",
            "timeout", "retries", "breaker");

    private TrafficRulesDocument() {}

    /** A whole rule set: {@code {rules: [...]}}; null, blank or {@code {}}: no rules. */
    public static TrafficRules parse(String text) {
        Object doc = load(text);
        if (doc == null) {
            return TrafficRules.NONE;
        }
        if (!(doc instanceof Map<?, ?> root)) {
            throw TrafficException.invalid("the top level must be a mapping with a 'rules' list");
        }
        Object list = root.get("rules");
        if (list == null) {
            if (!root.isEmpty()) {
                throw TrafficException.invalid("no 'rules' key at the top level (found " + root.keySet() + ")");
            }
            return TrafficRules.NONE;
        }
        if (!(list instanceof List<?> items)) {
            throw TrafficException.invalid("'rules' must be a list of rules");
        }
        List<TrafficRule> rules = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            rules.add(rule(items.get(i), "rules[" + i + "]", null));
        }
        return new TrafficRules(rules);
    }

    /** One rule; {@code name}, when given, is its name (the path of the admin API) and the body may omit it. */
    public static TrafficRule parseRule(String text, String name) {
        return rule(load(text), "the rule", name);
    }

    private static Object load(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new Load(LoadSettings.builder().setLabel("traffic rules").build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw new TrafficException(TrafficException.Reason.INVALID, "not valid YAML or JSON: " + e.getMessage().replace('\n', ' '), e);
        }
    }

    private static TrafficRule rule(Object value, String where, String fixedName) {
        if (!(value instanceof Map<?, ?> m)) {
            throw TrafficException.invalid(where + " must be a mapping");
        }
        for (Object key : m.keySet()) {
            if (!RULE_KEYS.contains(String.valueOf(key))) {
                throw TrafficException.invalid(where + ": unknown field '" + key + "' (fields: " + new java.util.TreeSet<>(RULE_KEYS) + ")");
            }
        }
        String name = m.get("name") == null ? fixedName : String.valueOf(m.get("name"));
        if (name == null) {
            throw TrafficException.invalid(where + " needs a name");
        }
        if (fixedName != null && !fixedName.equals(name)) {
            throw TrafficException.invalid(where + " is named " + name + ", not " + fixedName + " as its path says");
        }
        String at = "rule " + name;
        try {
            return new TrafficRule(name, match(m.get("match"), at), upstreams(m.get("upstreams"), at), string(m.get("pin-header"), at + ".pin-header"),
                    bool(m.get("strip-prefix"), at + ".strip-prefix"), mirror(m.get("mirror"), at), duration(m.get("timeout"), at + ".timeout"),
                    integer(m.get("retries"), at + ".retries", 0), breaker(m.get("breaker"), at));
        } catch (TrafficException e) {
            if (e.getMessage().contains(name)) {
                throw e;
            }
            throw TrafficException.invalid(at + ": " + e.getMessage());
        }
    }

    private static Match match(Object value, String at) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw TrafficException.invalid(at + ".match must be a mapping (host, path, methods, headers)");
        }
        for (Object key : m.keySet()) {
            if (!Set.of("host", "path", "methods", "headers").contains(String.valueOf(key))) {
                throw TrafficException.invalid(at + ".match: unknown field '" + key + "' (fields: host, path, methods, headers)");
            }
        }
        Set<String> methods = new LinkedHashSet<>();
        Object ms = m.get("methods");
        if (ms instanceof String s) {
            methods.add(s);
        } else if (ms instanceof List<?> list) {
            list.forEach(x -> methods.add(String.valueOf(x)));
        } else if (ms != null) {
            throw TrafficException.invalid(at + ".match.methods must be a list of method names");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Object hs = m.get("headers");
        if (hs instanceof Map<?, ?> hm) {
            hm.forEach((k, v) -> headers.put(String.valueOf(k), String.valueOf(v)));
        } else if (hs != null) {
            throw TrafficException.invalid(at + ".match.headers must be a mapping of header name to value");
        }
        return new Match(string(m.get("host"), at + ".match.host"), string(m.get("path"), at + ".match.path"), methods, headers);
    }

    private static List<Upstream> upstreams(Object value, String at) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw TrafficException.invalid(at + ".upstreams must be a non-empty list of {name, url, weight}");
        }
        List<Upstream> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = at + ".upstreams[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> u)) {
                throw TrafficException.invalid(where + " must be a mapping {name, url, weight}");
            }
            String url = string(u.get("url"), where + ".url");
            if (url == null) {
                throw TrafficException.invalid(where + " needs a url");
            }
            String name = u.get("name") == null ? "u" + i : String.valueOf(u.get("name"));
            out.add(new Upstream(name, url, integer(u.get("weight"), where + ".weight", list.size() == 1 ? 100 : 0)));
        }
        return out;
    }

    private static Mirror mirror(Object value, String at) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw TrafficException.invalid(at + ".mirror must be a mapping {url, percent}");
        }
        Object p = m.get("percent");
        double percent;
        if (p == null) {
            percent = 100;
        } else if (p instanceof Number n) {
            percent = n.doubleValue();
        } else {
            throw TrafficException.invalid(at + ".mirror.percent must be a number");
        }
        return new Mirror(string(m.get("url"), at + ".mirror.url"), percent);
    }

    private static BreakerSettings breaker(Object value, String at) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> m)) {
            throw TrafficException.invalid(at + ".breaker must be a mapping {failures, open-for}");
        }
        Duration openFor = duration(m.get("open-for"), at + ".breaker.open-for");
        return new BreakerSettings(integer(m.get("failures"), at + ".breaker.failures", BreakerSettings.DEFAULT.failures()),
                openFor == null ? BreakerSettings.DEFAULT.openFor() : openFor);
    }

    private static String string(Object value, String where) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw TrafficException.invalid(where + " must be a string");
        }
        return String.valueOf(value);
    }

    private static boolean bool(Object value, String where) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw TrafficException.invalid(where + " must be true or false");
    }

    private static int integer(Object value, String where, int absent) {
        if (value == null) {
            return absent;
        }
        if (value instanceof Integer || value instanceof Long) {
            long n = ((Number) value).longValue();
            if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE / 1024) {
                throw TrafficException.invalid(where + " is out of range: " + n);
            }
            return (int) n;
        }
        throw TrafficException.invalid(where + " must be a whole number, not " + value);
    }

    private static Duration duration(Object value, String where) {
        if (value == null) {
            return null;
        }
        try {
            return Durations.parse(String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw TrafficException.invalid(where + ": " + e.getMessage());
        }
    }

    /** The rule set as compact JSON, every field written (the stored form and the admin API's listing). */
    public static String write(TrafficRules rules) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        rules.rules().forEach(r -> list.add(object(r)));
        return JSON.createObjectBuilder().add("rules", list).build().toString();
    }

    /** One rule as JSON. */
    public static String write(TrafficRule rule) {
        return object(rule).build().toString();
    }

    private static JsonObjectBuilder object(TrafficRule r) {
        JsonObjectBuilder match = JSON.createObjectBuilder();
        if (r.match().host() != null) {
            match.add("host", r.match().host());
        }
        match.add("path", r.match().pathPrefix());
        if (!r.match().methods().isEmpty()) {
            JsonArrayBuilder ms = JSON.createArrayBuilder();
            r.match().methods().stream().sorted().forEach(ms::add);
            match.add("methods", ms);
        }
        if (!r.match().headers().isEmpty()) {
            JsonObjectBuilder hs = JSON.createObjectBuilder();
            new java.util.TreeMap<>(r.match().headers()).forEach(hs::add);
            match.add("headers", hs);
        }
        JsonArrayBuilder ups = JSON.createArrayBuilder();
        r.upstreams().forEach(u -> ups.add(JSON.createObjectBuilder().add("name", u.name()).add("url", u.url()).add("weight", u.weight())));
        JsonObjectBuilder o = JSON.createObjectBuilder().add("name", r.name()).add("match", match).add("upstreams", ups);
        if (r.pinHeader() != null) {
            o.add("pin-header", r.pinHeader());
        }
        o.add("strip-prefix", r.stripPrefix());
        if (r.mirror() != null) {
            o.add("mirror", JSON.createObjectBuilder().add("url", r.mirror().url()).add("percent", r.mirror().percent()));
        }
        if (r.timeout() != null) {
            o.add("timeout", r.timeout().toString());
        }
        o.add("retries", r.retries());
        o.add("breaker", JSON.createObjectBuilder().add("failures", r.breaker().failures()).add("open-for", r.breaker().openFor().toString()));
        return o;
    }
}
