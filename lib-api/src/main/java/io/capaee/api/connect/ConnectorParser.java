// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import io.capaee.api.actors.EventTarget;
import io.capaee.api.actors.InvalidTargetException;
import io.capaee.api.config.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads a Connect v1 connector document into a {@link ConnectorSpec}, or refuses it with an
 * {@link InvalidConnectorException} naming the field, e.g. {@code inlet.source.config.subject: required}.
 *
 * <p>Accepted shapes (YAML or JSON, plain or standard base64 as a Connect runtime takes its
 * argument): the {@code steps} object itself (what a runtime receives); a control-plane connector
 * ({@code connector_id}, {@code description}, {@code runtime_id}, {@code steps}); or the CLI's file
 * ({@code type: connector}, {@code spec: {...}}). Field paths in errors start with the connector's
 * kind ({@code inlet.} or {@code outlet.}), followed by the step as the document writes it.
 *
 * <p>Unlike Connect's runtimes, the defaults of the model (threads 1, kv key {@code >}, timeouts)
 * and of the component definitions are applied here, and every rule is checked before anything runs.
 * Thread-safe.
 */
public final class ConnectorParser {
    private static final Pattern NO_WILDCARDS = Pattern.compile("[^*> ]+");
    private static final Set<String> STEPS = Set.of("source", "consumer", "transformer", "producer", "sink");
    private static final Set<String> UNSUPPORTED_TRANSFORMERS = Set.of("service", "mapping", "explode", "combine");
    private static final Duration DEFAULT_WASM_TIMEOUT = Duration.ofSeconds(5);

    private final ConnectRuntime runtime;

    public ConnectorParser(ConnectRuntime runtime) {
        this.runtime = runtime;
    }

    /**
     * Parses and validates {@code text}.
     *
     * @param id the connector id to use; null takes the document's {@code connector_id}, or a new one
     */
    public ConnectorSpec parse(String text, String id) {
        return parse(text, id, null);
    }

    /**
     * Parses and validates {@code text}; the id is {@code id}, else the document's
     * {@code connector_id}, else {@code fallbackId}, else a new one.
     */
    public ConnectorSpec parse(String text, String id, String fallbackId) {
        String yaml = ConnectorDocument.decode(text);
        Map<?, ?> root = asMap("document", ConnectorDocument.load(yaml));
        if ("connector".equals(root.get("type")) && root.get("spec") instanceof Map<?, ?> spec) {
            root = spec;
        }
        Map<?, ?> steps = root;
        String description = "";
        String documentId = null;
        if (root.containsKey("steps")) {
            steps = asMap("steps", root.get("steps"));
            description = root.get("description") == null ? "" : String.valueOf(root.get("description"));
            documentId = root.get("connector_id") == null ? null : String.valueOf(root.get("connector_id"));
        }
        String chosen = id != null ? id : documentId != null ? documentId : fallbackId != null ? fallbackId
                : "connector-" + UUID.randomUUID().toString().substring(0, 8);
        if (!EventTarget.isName(chosen)) {
            throw new InvalidConnectorException("connector_id", "'" + chosen + "' is not an id (letters, digits, . _ -; at most 100)");
        }
        for (Object key : steps.keySet()) {
            if (!STEPS.contains(String.valueOf(key))) {
                throw new InvalidConnectorException(String.valueOf(key),
                        "unknown step (known: source, consumer, transformer, producer, sink)");
            }
        }
        ConnectorKind kind = kind(steps);
        String p = kind.label();
        List<WasmTransform> transformer = steps.get("transformer") == null ? List.of()
                : transformer(p + ".transformer", steps.get("transformer"));
        if (kind == ConnectorKind.INLET) {
            ComponentStep source = withDurable(component(p + ".source", steps.get("source"), true), chosen);
            NatsStep producer = nats(p + ".producer", steps.get("producer"), false);
            ComponentStep output = normalized(p + ".producer", withDeadLetter(producer.asComponent(),
                    asMap(p + ".producer", steps.get("producer")).get("dead_letter")), false);
            return new ConnectorSpec(chosen, description, kind, source, null, transformer, producer, null, source, output,
                    yaml);
        }
        NatsStep consumer = nats(p + ".consumer", steps.get("consumer"), true);
        ComponentStep sink = component(p + ".sink", steps.get("sink"), false);
        ComponentStep input = withDurable(normalized(p + ".consumer", consumer.asComponent(), true), chosen);
        return new ConnectorSpec(chosen, description, kind, null, consumer, transformer, null, sink, input, sink, yaml);
    }

    private static ConnectorKind kind(Map<?, ?> steps) {
        boolean inlet = steps.get("source") != null || steps.get("producer") != null;
        boolean outlet = steps.get("consumer") != null || steps.get("sink") != null;
        if (inlet && outlet) {
            String extra = steps.get("source") != null ? "source" : "producer";
            throw new InvalidConnectorException(extra, "an inlet (source, producer) and an outlet (consumer, sink)"
                    + " in one connector: source+sink and consumer+producer are not allowed");
        }
        if (inlet) {
            require(steps, "source", "inlet.source");
            require(steps, "producer", "inlet.producer");
            return ConnectorKind.INLET;
        }
        if (outlet) {
            require(steps, "consumer", "outlet.consumer");
            require(steps, "sink", "outlet.sink");
            return ConnectorKind.OUTLET;
        }
        throw new InvalidConnectorException("steps", "required: source and producer (an inlet) or consumer and sink (an outlet)");
    }

    private ComponentStep component(String path, Object value, boolean source) {
        Map<?, ?> step = asMap(path, value);
        known(path, step, Set.of("type", "config"));
        String type = string(path + ".type", step.get("type"));
        ComponentDefinition definition = (source ? runtime.source(type) : runtime.sink(type))
                .orElseThrow(() -> new InvalidConnectorException(path + ".type", "unknown " + (source ? "source" : "sink")
                        + " '" + type + "' (this runtime has: "
                        + String.join(", ", source ? ConnectRuntime.SOURCES : ConnectRuntime.SINKS) + ")"));
        Map<?, ?> config = step.get("config") == null ? Map.of() : asMap(path + ".config", step.get("config"));
        Map<String, Object> checked = ComponentConfigValidator.validate(path + ".config", definition.fields(), config);
        if (checked.get("dead_letter") instanceof Map<?, ?> deadLetter) {
            backoffs(path + ".config.dead_letter", deadLetter);
        }
        return new ComponentStep(type, checked);
    }

    /**
     * The JetStream durable consumer of a connector: named after its id, so that the connector
     * resumes where it was after a stop, a restart or a crash. NATS refuses a '.' in a consumer
     * name; ids never hold a '~', so writing '.' as '~' keeps two ids from sharing one consumer.
     */
    public static String durableName(String connectorId) {
        return "capa-connector-" + connectorId.replace('.', '~');
    }

    private static ComponentStep withDurable(ComponentStep input, String connectorId) {
        boolean jetStream = input.type().equals("nats_jetstream") || input.type().equals("nats_kv");
        if (!jetStream || input.config().get("durable") != null) {
            return input;
        }
        Map<String, Object> config = new LinkedHashMap<>(input.config());
        config.put("durable", durableName(connectorId));
        return new ComponentStep(input.type(), config);
    }

    /** A rule the definition file cannot state: the first pause is not longer than the longest. */
    private static void backoffs(String path, Map<?, ?> deadLetter) {
        Duration first = Durations.parse(String.valueOf(deadLetter.get("backoff")));
        Duration longest = Durations.parse(String.valueOf(deadLetter.get("max_backoff")));
        if (first.compareTo(longest) > 0) {
            throw new InvalidConnectorException(path + ".backoff", deadLetter.get("backoff")
                    + " must not be longer than max_backoff (" + deadLetter.get("max_backoff") + ")");
        }
    }

    /** A consumer or producer as the NATS component that runs it, with that component's defaults. */
    private ComponentStep normalized(String path, ComponentStep step, boolean source) {
        ComponentDefinition definition = (source ? runtime.source(step.type()) : runtime.sink(step.type())).orElseThrow();
        Map<String, Object> checked = ComponentConfigValidator.validate(path, definition.fields(), step.config());
        if (checked.get("dead_letter") instanceof Map<?, ?> deadLetter) {
            backoffs(path + ".dead_letter", deadLetter);
        }
        return new ComponentStep(step.type(), checked);
    }

    /**
     * An inlet's producer may carry the NATS sinks' {@code dead_letter} field (an extension of the
     * Connect model, like the wasm transformer): it is checked as that sink's field.
     */
    private static ComponentStep withDeadLetter(ComponentStep producer, Object deadLetter) {
        if (deadLetter == null) {
            return producer;
        }
        Map<String, Object> config = new LinkedHashMap<>(producer.config());
        config.put("dead_letter", deadLetter);
        return new ComponentStep(producer.type(), config);
    }

    private static NatsStep nats(String path, Object value, boolean consumer) {
        Map<?, ?> step = asMap(path, value);
        known(path, step, consumer ? Set.of("nats", "core", "stream", "kv") : Set.of("nats", "core", "stream", "kv", "threads", "dead_letter"));
        NatsConfig nats = natsConfig(path + ".nats", step.get("nats"));
        List<String> modes = new ArrayList<>();
        for (String mode : List.of("core", "stream", "kv")) {
            if (step.get(mode) != null) {
                modes.add(mode);
            }
        }
        if (modes.size() != 1) {
            throw new InvalidConnectorException(path, "exactly one of core, stream, kv is required"
                    + (modes.isEmpty() ? "" : " (found " + String.join(", ", modes) + ")"));
        }
        int threads = 1;
        if (step.get("threads") != null) {
            if (!(step.get("threads") instanceof Integer t) || t < 1) {
                throw new InvalidConnectorException(path + ".threads", "must be a whole number of at least 1");
            }
            threads = t;
        }
        String mode = modes.get(0);
        String at = path + "." + mode;
        Map<?, ?> options = asMap(at, step.get(mode));
        switch (mode) {
            case "core" -> {
                known(at, options, consumer ? Set.of("subject", "queue") : Set.of("subject"));
                String subject = subject(at + ".subject", options.get("subject"), consumer);
                String queue = options.get("queue") == null ? null : string(at + ".queue", options.get("queue"));
                return new NatsStep(nats, NatsStep.Mode.CORE, subject, queue, null, null, threads);
            }
            case "stream" -> {
                known(at, options, Set.of("subject"));
                return new NatsStep(nats, NatsStep.Mode.STREAM, subject(at + ".subject", options.get("subject"), consumer),
                        null, null, null, threads);
            }
            default -> {
                known(at, options, Set.of("bucket", "key"));
                String bucket = string(at + ".bucket", options.get("bucket"));
                String key = options.get("key") == null && consumer ? ">" : string(at + ".key", options.get("key"));
                return new NatsStep(nats, NatsStep.Mode.KV, null, null, bucket, key, threads);
            }
        }
    }

    private static NatsConfig natsConfig(String path, Object value) {
        Map<?, ?> nats = asMap(path, value);
        known(path, nats, Set.of("url", "auth_enabled", "jwt", "seed"));
        String url = string(path + ".url", nats.get("url"));
        if (!url.matches("(nats|tls)://.+")) {
            throw new InvalidConnectorException(path + ".url", "'" + url + "' is not a nats:// or tls:// URL");
        }
        boolean auth = false;
        if (nats.get("auth_enabled") != null) {
            if (!(nats.get("auth_enabled") instanceof Boolean b)) {
                throw new InvalidConnectorException(path + ".auth_enabled", "must be true or false");
            }
            auth = b;
        }
        String jwt = auth ? string(path + ".jwt", nats.get("jwt")) : null;
        String seed = auth ? string(path + ".seed", nats.get("seed")) : null;
        return new NatsConfig(url, auth, jwt, seed);
    }

    private static List<WasmTransform> transformer(String path, Object value) {
        Map<?, ?> step = asMap(path, value);
        if (step.size() != 1) {
            throw new InvalidConnectorException(path, "exactly one of wasm, composite is required");
        }
        String kind = String.valueOf(step.keySet().iterator().next());
        String at = path + "." + kind;
        if (UNSUPPORTED_TRANSFORMERS.contains(kind)) {
            throw new InvalidConnectorException(at, "not supported by this runtime (supported: wasm, composite)");
        }
        if (kind.equals("composite")) {
            Map<?, ?> composite = asMap(at, step.get(kind));
            known(at, composite, Set.of("sequential"));
            if (!(composite.get("sequential") instanceof List<?> list) || list.isEmpty()) {
                throw new InvalidConnectorException(at + ".sequential", "required: a list of transformers");
            }
            List<WasmTransform> all = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                all.addAll(transformer(at + ".sequential[" + i + "]", list.get(i)));
            }
            return all;
        }
        if (!kind.equals("wasm")) {
            throw new InvalidConnectorException(at, "unknown transformer (supported: wasm, composite)");
        }
        Map<?, ?> wasm = asMap(at, step.get(kind));
        known(at, wasm, Set.of("function", "revision", "timeout"));
        String function = string(at + ".function", wasm.get("function"));
        String revision = wasm.get("revision") == null ? "" : string(at + ".revision", wasm.get("revision"));
        try {
            EventTarget.function(function, revision); // the rule of function: targets
        } catch (InvalidTargetException e) {
            boolean badRevision = e.part().equals("revision");
            throw new InvalidConnectorException(at + (badRevision ? ".revision" : ".function"),
                    "'" + (badRevision ? revision : function) + "' is not a " + (badRevision ? "revision" : "function name"));
        }
        Duration timeout = DEFAULT_WASM_TIMEOUT;
        if (wasm.get("timeout") != null) {
            String text = string(at + ".timeout", wasm.get("timeout"));
            if (!Durations.valid(text)) {
                throw new InvalidConnectorException(at + ".timeout", "'" + text + "' is not a duration such as 500ms or 5s");
            }
            timeout = Durations.parse(text);
        }
        return List.of(new WasmTransform(function, revision, timeout));
    }

    private static String subject(String path, Object value, boolean consumer) {
        String subject = string(path, value);
        if (!consumer && !NO_WILDCARDS.matcher(subject).matches()) {
            throw new InvalidConnectorException(path, "'" + subject + "' must not contain wildcards or spaces");
        }
        return subject;
    }

    private static void require(Map<?, ?> steps, String key, String path) {
        if (steps.get(key) == null) {
            throw new InvalidConnectorException(path, "required");
        }
    }

    private static void known(String path, Map<?, ?> map, Set<String> keys) {
        for (Object key : map.keySet()) {
            if (!keys.contains(String.valueOf(key))) {
                throw new InvalidConnectorException(path + "." + key, "unknown field (known: "
                        + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            }
        }
    }

    private static String string(String path, Object value) {
        if (value == null) {
            throw new InvalidConnectorException(path, "required");
        }
        if (value instanceof Map || value instanceof List) {
            throw new InvalidConnectorException(path, "must be a string");
        }
        String text = String.valueOf(value).strip();
        if (text.isEmpty()) {
            throw new InvalidConnectorException(path, "required (empty)");
        }
        return text;
    }

    private static Map<?, ?> asMap(String path, Object value) {
        if (value == null) {
            throw new InvalidConnectorException(path, "required");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidConnectorException(path, "must be an object");
        }
        return new LinkedHashMap<>(map);
    }
}
