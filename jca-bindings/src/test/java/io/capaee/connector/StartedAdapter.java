// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ResourceAdapterAssociation;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.JedisPooled;

/**
 * The resource adapter, started before each test and stopped after it as the container would, with
 * a key prefix unique to the test whose keys are deleted from the real Redis (127.0.0.1:6379)
 * afterwards. Register it with {@code @RegisterExtension}; the test's own {@code @AfterEach} runs
 * before the adapter stops.
 */
public final class StartedAdapter implements BeforeEachCallback, AfterEachCallback {
    private final CapaResourceAdapter adapter = new CapaResourceAdapter();
    private final String prefix = "capa-test:" + UUID.randomUUID() + ":";

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        adapter.start(null);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        adapter.stop();
        try (JedisPooled admin = new JedisPooled("127.0.0.1", 6379)) {
            for (String key : admin.keys(prefix + "*")) {
                admin.del(key);
            }
        }
    }

    /** {@code bean} (a managed connection factory or an activation spec), associated with the adapter. */
    public <T extends ResourceAdapterAssociation> T associate(T bean) throws ResourceException {
        bean.setResourceAdapter(adapter);
        return bean;
    }

    public CapaResourceAdapter adapter() {
        return adapter;
    }

    /** The prefix of every Redis key the test writes. */
    public String prefix() {
        return prefix;
    }
}
