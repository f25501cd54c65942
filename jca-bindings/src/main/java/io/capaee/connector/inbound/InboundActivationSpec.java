// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound;

import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.InvalidValueException;
import io.capaee.connector.BindingException;
import io.capaee.connector.InvalidConfigException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;

/**
 * Base of the inbound activation specs: the retry policy, the optional delivery {@code target}
 * handed to the bean in every message, and {@code enabled}. Configured per message-driven bean in
 * server.xml ({@code <activationSpec id="app/module/Bean">}); keep environment-specific values out
 * of {@code @ActivationConfigProperty}, which would override server.xml.
 */
public abstract class InboundActivationSpec implements ActivationSpec, ResourceAdapterAssociation {
    private transient ResourceAdapter adapter;

    @ConfigProperty(defaultValue = "true", description = "false: the bean is not fed (the source is not even contacted)")
    private Boolean enabled = true;

    @ConfigProperty(defaultValue = "5", description = "Deliveries of one message before it becomes a dead letter")
    private Integer maxAttempts = 5;

    @ConfigProperty(defaultValue = "200", description = "Pause before the first retry in milliseconds; doubles per retry")
    private Integer initialBackoffMillis = 200;

    @ConfigProperty(defaultValue = "5000", description = "Longest pause between retries in milliseconds")
    private Integer maxBackoffMillis = 5000;

    @ConfigProperty(description = "Delivery target handed to the bean with every message (e.g. an application URL)")
    private String target = "";

    /** Creates the endpoint for an activation, delivering through {@code invoker}; called after {@link #validate()}. */
    protected abstract InboundEndpoint createEndpoint(EndpointInvoker invoker);

    /** Checks the source's own properties; throws {@link InvalidConfigException}. */
    protected abstract void validateSource();

    /** What this receives from, for messages. */
    public abstract String describe();

    @Override
    public final void validate() throws InvalidPropertyException {
        try {
            policy();
            validateSource();
        } catch (InvalidConfigException e) {
            throw new InvalidPropertyException(getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (BindingException e) {
            throw new InvalidPropertyException(getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public final DeliveryPolicy policy() {
        try {
            return new DeliveryPolicy(required("maxAttempts", maxAttempts), required("initialBackoffMillis",
                    initialBackoffMillis), required("maxBackoffMillis", maxBackoffMillis));
        } catch (InvalidValueException e) {
            throw new InvalidConfigException(e.field(), e.problem()); // the policy's fields are these properties
        }
    }

    final boolean enabled() {
        return !Boolean.FALSE.equals(enabled);
    }

    protected static int required(String property, Integer value) {
        if (value == null) {
            throw new InvalidConfigException(property, "must be set");
        }
        return value;
    }

    protected static String required(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidConfigException(property, "must be set");
        }
        return value.strip();
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return adapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter adapter) {
        this.adapter = adapter;
    }

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public Integer getMaxAttempts() {
        return maxAttempts;
    }

    public void setMaxAttempts(Integer maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    public Integer getInitialBackoffMillis() {
        return initialBackoffMillis;
    }

    public void setInitialBackoffMillis(Integer initialBackoffMillis) {
        this.initialBackoffMillis = initialBackoffMillis;
    }

    public Integer getMaxBackoffMillis() {
        return maxBackoffMillis;
    }

    public void setMaxBackoffMillis(Integer maxBackoffMillis) {
        this.maxBackoffMillis = maxBackoffMillis;
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = target;
    }
}
