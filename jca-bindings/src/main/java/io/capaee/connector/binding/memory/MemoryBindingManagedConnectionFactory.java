// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.binding.memory;

import io.capaee.api.binding.MemoryBindingFactory;
import io.capaee.api.binding.OutputBinding;
import io.capaee.connector.InvalidConfigException;
import io.capaee.connector.binding.BindingManagedConnectionFactory;
import io.capaee.connector.binding.BindingTransport;
import io.capaee.connector.binding.OutputBindingHandle;
import jakarta.resource.spi.ConfigProperty;
import jakarta.resource.spi.ConnectionDefinition;

/**
 * The {@code memory} output binding: entries live in this server (lost on restart), at most
 * {@code maxEntries} of them and {@code maxBytes} of keys and data in all; one more is refused
 * (reason FULL, 507). For development and tests without external systems.
 */
@ConnectionDefinition(
        connectionFactory = MemoryBindingFactory.class,
        connectionFactoryImpl = MemoryBindingConnectionFactory.class,
        connection = OutputBinding.class,
        connectionImpl = OutputBindingHandle.class)
public class MemoryBindingManagedConnectionFactory extends BindingManagedConnectionFactory {
    private static final long serialVersionUID = 1L;

    @ConfigProperty(defaultValue = "1000", description = "Most entries kept; create fails beyond it")
    private Integer maxEntries = 1000;

    @ConfigProperty(defaultValue = "67108864", description = "Most bytes of keys and data kept in all; create fails beyond it")
    private Long maxBytes = 67_108_864L;

    @Override
    protected void validate() {
        required("maxEntries", maxEntries, 1);
        if (maxBytes == null || maxBytes < 1) {
            throw new InvalidConfigException("maxBytes", maxBytes + " must be at least 1");
        }
    }

    @Override
    protected BindingTransport openBackend() {
        return new MemoryTransport(maxEntries, maxBytes);
    }

    @Override
    public String describe() {
        return "memory binding";
    }

    public Integer getMaxEntries() {
        return maxEntries;
    }

    public void setMaxEntries(Integer maxEntries) {
        this.maxEntries = maxEntries;
    }

    public Long getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(Long maxBytes) {
        this.maxBytes = maxBytes;
    }
}
