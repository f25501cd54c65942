// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.component;

import java.util.List;

/**
 * A building block's part of {@code GET /v1.0/metadata}. Implement it as a CDI bean
 * ({@code @ApplicationScoped}) anywhere in war-proxy: the metadata resource collects every one.
 * Calls must be cheap and must not fail; a component that cannot be read is left out.
 */
public interface MetadataContributor {
    /** The components of this building block. */
    List<ComponentInfo> components();

    /** The pub/sub subscriptions this building block runs; most have none. */
    default List<SubscriptionInfo> subscriptions() {
        return List.of();
    }
}
