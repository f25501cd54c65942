// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.connectors;

import io.capaee.api.connect.ConnectorStatus;
import io.capaee.api.desired.Reconciler;
import io.capaee.api.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * A connector as the API shows it. A stored connector that failed to deploy has the same members
 * as a deployed one, so that clients of the listing read it unchanged: {@code state} {@code failed},
 * {@code lastError} the reason, empty {@code kind}, {@code source} and {@code sink}, zero counts.
 */
final class ConnectorJson {
    static final String FAILED = "failed";
    private static final JsonProvider JSON = Jsonp.provider();

    private ConnectorJson() {}

    static JsonObject status(ConnectorStatus s) {
        JsonObjectBuilder o = JSON.createObjectBuilder()
                .add("id", s.id())
                .add("description", s.description())
                .add("kind", s.kind().label())
                .add("state", s.state().label())
                .add("connected", s.connected())
                .add("source", s.input())
                .add("sink", s.output())
                .add("transformers", s.transformers())
                .add("in", s.in())
                .add("out", s.out())
                .add("errors", s.errors())
                .add("deadLetters", s.deadLetters())
                .add("lag", s.lag())
                .add("origin", s.origin());
        if (s.lastError() != null) {
            o.add("lastError", s.lastError());
            o.add("lastErrorAt", s.lastErrorAt().toString());
        }
        return o.build();
    }

    /** A stored connector (or, for a document that cannot be read, where it is) that is not deployed here. */
    static JsonObject failed(Reconciler.Failure failure) {
        return JSON.createObjectBuilder()
                .add("id", failure.id())
                .add("description", "")
                .add("kind", "")
                .add("state", FAILED)
                .add("connected", false)
                .add("source", "")
                .add("sink", "")
                .add("transformers", 0)
                .add("in", 0)
                .add("out", 0)
                .add("errors", 0)
                .add("deadLetters", 0)
                .add("lag", -1)
                .add("origin", "api")
                .add("lastError", failure.message())
                .add("lastErrorAt", failure.at().toString())
                .build();
    }
}
