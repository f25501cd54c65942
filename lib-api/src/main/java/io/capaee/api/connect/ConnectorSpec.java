// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.connect;

import java.util.List;

/**
 * A validated connector: Connect v1's steps, with the runtime's defaults applied. An inlet has
 * {@code source} and {@code producer}; an outlet has {@code consumer} and {@code sink}; the other
 * two are null. {@code transformer} is the sequence of wasm functions the payload goes through,
 * empty for none. {@code input} and {@code output} are where messages come from and go to, as
 * components of this runtime with their defaults applied (the consumer of an outlet is a NATS
 * source, the producer of an inlet a NATS sink). {@code document} is the YAML text it was read from.
 */
public record ConnectorSpec(String id, String description, ConnectorKind kind, ComponentStep source,
        NatsStep consumer, List<WasmTransform> transformer, NatsStep producer, ComponentStep sink, ComponentStep input,
        ComponentStep output, String document) {
    public ConnectorSpec {
        transformer = transformer == null ? List.of() : List.copyOf(transformer);
    }
}
