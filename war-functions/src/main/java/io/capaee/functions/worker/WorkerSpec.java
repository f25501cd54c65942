// SPDX-License-Identifier: Apache-2.0
package io.capaee.functions.worker;

import io.capaee.api.desired.DesiredEntry;
import io.capaee.api.json.Jsonp;
import io.capaee.functions.service.FunctionsConfig;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A worker deployment as the desired state keeps it: document kind {@value #KIND}, id
 * {@code function/revision}, spec
 * <pre>{"function":"accg","revision":"v1","module":"capa/accg/1.0.0","sha256":"…64 hex…","environment":{"K":"V"},"instances":2}</pre>
 * with {@code "downloadUrl":"https://…"} instead of {@code module} for a module downloaded from a
 * URL. {@code sha256} is the digest verified when the API deployed it; a module whose bytes no
 * longer have it is not deployed again.
 *
 * @param source {@code registry:org/name/tag} or the download URL, as {@link WorkerDeployment#source()}
 * @param instances the started instances this server keeps (the revision's scale), at least 1
 */
public record WorkerSpec(String function, String revision, String source, String sha256, Map<String, String> environment, int instances) {
    public static final String KIND = "worker";
    private static final String REGISTRY = "registry:";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public WorkerSpec {
        requireName("function", function);
        requireName("revision", revision);
        if (source == null || !(source.startsWith(REGISTRY) || source.startsWith("http://") || source.startsWith("https://"))) {
            throw new IllegalArgumentException("spec: 'module' or 'downloadUrl' must name where the module comes from, was '" + source + "'");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("spec.sha256: must be 64 lower-case hex digits, was '" + sha256 + "'");
        }
        environment = Map.copyOf(environment);
        if (instances < 1) {
            throw new IllegalArgumentException("spec.instances: must be at least 1, was " + instances);
        }
    }

    /** The spec of what runs: {@code deployment} with {@code instances} instances. */
    static WorkerSpec of(WorkerDeployment deployment, int instances) {
        return new WorkerSpec(deployment.function(), deployment.revision(), deployment.source(), deployment.sha256(), deployment.environment(), instances);
    }

    /** {@code function/revision}, the document's id. */
    public String id() {
        return function + "/" + revision;
    }

    /** The registry coordinates ({@code org/name/tag}), when the module comes from the registry. */
    public Optional<String> module() {
        return source.startsWith(REGISTRY) ? Optional.of(source.substring(REGISTRY.length())) : Optional.empty();
    }

    /** The URL, when the module was downloaded. */
    public Optional<String> downloadUrl() {
        return source.startsWith(REGISTRY) ? Optional.empty() : Optional.of(source);
    }

    /** Same module, same environment: only the instance count may differ. */
    boolean sameModule(WorkerDeployment deployment) {
        return deployment.source().equals(source) && deployment.sha256().equals(sha256) && deployment.environment().equals(environment);
    }

    public DesiredEntry entry(Instant at) {
        JsonObjectBuilder env = Jsonp.createObjectBuilder();
        new TreeMap<>(environment).forEach(env::add);
        JsonObjectBuilder spec = Jsonp.createObjectBuilder().add("function", function).add("revision", revision);
        module().ifPresent(m -> spec.add("module", m));
        downloadUrl().ifPresent(u -> spec.add("downloadUrl", u));
        return new DesiredEntry(KIND, id(), spec.add("sha256", sha256).add("environment", env).add("instances", instances).build(), at);
    }

    /** Reads a stored entry. @throws IllegalArgumentException naming the field that is missing or wrong */
    public static WorkerSpec from(DesiredEntry entry) {
        JsonObject spec = entry.spec();
        boolean module = spec.containsKey("module");
        if (module == spec.containsKey("downloadUrl")) {
            throw new IllegalArgumentException("spec: needs exactly one of 'module' and 'downloadUrl'");
        }
        Map<String, String> environment = new TreeMap<>();
        JsonValue env = spec.getOrDefault("environment", JsonValue.EMPTY_JSON_OBJECT);
        if (!(env instanceof JsonObject variables)) {
            throw new IllegalArgumentException("spec.environment: must be an object of strings");
        }
        variables.forEach((name, value) -> environment.put(name, string(value, "spec.environment." + name)));
        if (!(spec.get("instances") instanceof JsonNumber instances) || !instances.isIntegral()) {
            throw new IllegalArgumentException("spec.instances: must be a whole number");
        }
        WorkerSpec parsed = new WorkerSpec(string(spec.get("function"), "spec.function"), string(spec.get("revision"), "spec.revision"),
                module ? REGISTRY + string(spec.get("module"), "spec.module") : string(spec.get("downloadUrl"), "spec.downloadUrl"),
                string(spec.get("sha256"), "spec.sha256"), environment, instances.intValueExact());
        if (!parsed.id().equals(entry.id())) {
            throw new IllegalArgumentException("spec: describes " + parsed.id() + ", but is stored as " + entry.id());
        }
        return parsed;
    }

    private static String string(JsonValue value, String field) {
        if (!(value instanceof JsonString text)) {
            throw new IllegalArgumentException(field + ": must be a string");
        }
        return text.getString();
    }

    static void requireName(String field, String value) {
        if (value == null || !FunctionsConfig.NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("spec." + field + ": must be 1 to 128 letters, digits, '.', '_' or '-' (not starting with '.'), was '"
                    + value + "'");
        }
    }
}
