// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import io.capaee.api.connect.ConnectorParser;
import io.capaee.api.connect.ConnectorSpec;
import io.capaee.api.connect.InvalidConnectorException;
import io.capaee.api.desired.DesiredEntry;
import io.capaee.api.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import java.util.Objects;

/**
 * A connector as the desired state keeps it: kind {@value #KIND}, the connector's id, and a spec
 * of two members, {@code document} (the YAML the API was given, base64 decoded, which the same
 * {@link ConnectorParser} reads again with the entry's id) and {@code state} ({@code running} or
 * {@code stopped}):
 * <pre>{"document":"consumer:\n  nats: ...","state":"running"}</pre>
 */
record StoredConnector(ConnectorSpec spec, boolean running) {
    static final String KIND = "connector";
    private static final String RUNNING = "running";
    private static final String STOPPED = "stopped";

    StoredConnector {
        Objects.requireNonNull(spec, "spec");
    }

    DesiredEntry entry(Instant at) {
        JsonObject stored = Jsonp.createObjectBuilder()
                .add("document", spec.document())
                .add("state", running ? RUNNING : STOPPED)
                .build();
        return new DesiredEntry(KIND, spec.id(), stored, at);
    }

    /**
     * The connector an entry describes, validated as the API validates a new one.
     *
     * @throws InvalidConnectorException naming the member ({@code spec.state}) or, for a document
     *     that no longer parses (a component this runtime lost, a rule it gained), the document's field
     */
    static StoredConnector read(DesiredEntry entry, ConnectorParser parser) {
        if (!(entry.spec().get("document") instanceof JsonString document)) {
            throw new InvalidConnectorException("spec.document", "missing or not a string");
        }
        boolean running = switch (entry.spec().get("state") instanceof JsonString state ? state.getString() : "") {
            case RUNNING -> true;
            case STOPPED -> false;
            default -> throw new InvalidConnectorException("spec.state", "must be " + RUNNING + " or " + STOPPED
                    + ", was " + entry.spec().get("state"));
        };
        ConnectorSpec spec = parser.parse(document.getString(), entry.id());
        return new StoredConnector(spec, running);
    }
}
