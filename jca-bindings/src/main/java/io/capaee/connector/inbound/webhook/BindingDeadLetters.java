// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.webhook;

import io.capaee.api.binding.BindingRequest;
import io.capaee.api.binding.OutputBinding;
import io.capaee.api.binding.OutputBindingFactory;
import java.util.HashMap;
import java.util.Map;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Dead letters written to an output binding of the server ({@code eis/binding/<name>}), with
 * operation {@code create}: the event's body as data, its metadata plus the dead-letter headers as
 * metadata, and its id as {@code key} (what the memory and Redis bindings store it under). A webhook
 * has no broker of its own to send a dead letter back to, so any binding serves: Kafka, JetStream,
 * Redis, a store. The factory is looked up per dead letter, so a binding configured after the
 * activation is found.
 */
final class BindingDeadLetters implements WebhookDeadLetters {
    static final String JNDI_PREFIX = "eis/binding/";

    private final String binding;

    BindingDeadLetters(String binding) {
        this.binding = binding;
    }

    @Override
    public void write(WebhookEvent event, Map<String, String> headers) throws NamingException {
        Object found = InitialContext.doLookup(JNDI_PREFIX + binding);
        if (!(found instanceof OutputBindingFactory factory)) {
            throw new NamingException(JNDI_PREFIX + binding + " is not an output binding");
        }
        Map<String, String> metadata = new HashMap<>(event.metadata());
        metadata.putAll(headers);
        metadata.put("key", event.id());
        try (OutputBinding out = factory.getConnection()) {
            out.invoke(new BindingRequest("create", event.body(), metadata));
        }
    }

    @Override
    public String toString() {
        return "binding " + binding;
    }
}
