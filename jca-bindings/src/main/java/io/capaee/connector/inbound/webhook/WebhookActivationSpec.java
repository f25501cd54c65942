// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.webhook;

import io.capaee.api.actors.EventTarget;
import io.capaee.api.inbound.WebhookListener;
import io.capaee.connector.CapaResourceAdapter;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.InboundActivationSpec;
import io.capaee.connector.inbound.InboundEndpoint;
import jakarta.resource.spi.Activation;
import jakarta.resource.spi.ConfigProperty;

/**
 * Feeds a {@link WebhookListener} bean with the requests of every webhook of the server
 * ({@code eis/webhook/<name>} connection factories), through the adapter's {@link WebhookInbox}.
 * At most one such bean is active per server: the inbox has one receiver.
 */
@Activation(messageListeners = WebhookListener.class)
public class WebhookActivationSpec extends InboundActivationSpec {

    @ConfigProperty(defaultValue = "1000", description = "Events accepted and not yet delivered; beyond, requests get 503")
    private Integer capacity = 1000;

    @ConfigProperty(description = "Output binding (eis/binding/<name>) that takes undeliverable events, operation create;"
            + " empty: they are logged and dropped")
    private String deadLetterBinding = "";

    @Override
    protected void validateSource() {
        if (required("capacity", capacity) < 1) {
            throw new InvalidConfigException("capacity", capacity + " must be at least 1");
        }
        String binding = deadLetterBinding == null ? "" : deadLetterBinding.strip();
        if (!binding.isEmpty() && !EventTarget.isName(binding)) {
            throw new InvalidConfigException("deadLetterBinding", "'" + binding + "' is not a binding name");
        }
    }

    @Override
    protected InboundEndpoint createEndpoint(EndpointInvoker invoker) {
        String binding = deadLetterBinding == null ? "" : deadLetterBinding.strip();
        return new WebhookInboundEndpoint(adapter().webhooks(), capacity, getTarget(), policy(), invoker,
                binding.isEmpty() ? null : new BindingDeadLetters(invoker, binding));
    }

    private CapaResourceAdapter adapter() {
        if (!(getResourceAdapter() instanceof CapaResourceAdapter capa)) {
            throw new InvalidConfigException("resourceAdapter", "the webhook activation needs the Capa EE resource adapter");
        }
        return capa;
    }

    @Override
    public String describe() {
        return "webhooks";
    }

    public Integer getCapacity() {
        return capacity;
    }

    public void setCapacity(Integer capacity) {
        this.capacity = capacity;
    }

    public String getDeadLetterBinding() {
        return deadLetterBinding;
    }

    public void setDeadLetterBinding(String deadLetterBinding) {
        this.deadLetterBinding = deadLetterBinding;
    }
}
