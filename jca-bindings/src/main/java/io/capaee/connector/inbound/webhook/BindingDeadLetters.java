// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.webhook;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.connector.inbound.EndpointInvoker;
import java.util.HashMap;
import java.util.Map;

/**
 * Dead letters written to an output binding of the server ({@code eis/binding/<name>}, operation
 * {@code create}): the event's body as data, its metadata plus the dead-letter headers as metadata,
 * and its id as {@code key} (what the memory and Redis bindings store it under, Kafka's record key).
 * A webhook has no broker of its own to send a dead letter back to, so any binding serves.
 *
 * <p>Why through the bean: the output bindings are resources of the embedded adapter that Liberty
 * hands only to its application's components ({@code J2CA8811E} on an adapter's work thread). The
 * bean runs in the application, and its {@code binding:<name>} target already is the sink of every
 * input binding, so the dead letter is one more delivery through it, with that target.
 */
final class BindingDeadLetters implements WebhookDeadLetters {
    private final EndpointInvoker invoker;
    private final String binding;

    BindingDeadLetters(EndpointInvoker invoker, String binding) {
        this.invoker = invoker;
        this.binding = binding;
    }

    @Override
    public void write(WebhookEvent event, Map<String, String> headers) throws Exception {
        Map<String, String> metadata = new HashMap<>(event.metadata());
        metadata.putAll(headers);
        invoker.deliver(new InboundMessage("webhook", event.webhook(), event.id(), event.body(), metadata, 1,
                "binding:" + binding));
    }

    @Override
    public String toString() {
        return "binding " + binding;
    }
}
