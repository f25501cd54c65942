// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.metadata;

import io.capaee.proxy.component.ComponentInfo;
import io.capaee.proxy.component.MetadataContributor;
import io.capaee.proxy.component.SubscriptionInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What Dapr's metadata call reports, for the HTTP and the gRPC API alike: the components (sorted by type, then
 * name) and subscriptions that every {@link MetadataContributor} reports now.
 */
public record MetadataSnapshot(List<ComponentInfo> components, List<SubscriptionInfo> subscriptions) {
    private static final Logger LOG = Logger.getLogger(MetadataSnapshot.class.getName());
    /** The runtime version both APIs report. */
    public static final String RUNTIME_VERSION = io.capaee.api.routes.ServerAnnouncement.VERSION;

    public MetadataSnapshot {
        components = List.copyOf(components);
        subscriptions = List.copyOf(subscriptions);
    }

    public static MetadataSnapshot of(Iterable<MetadataContributor> contributors) {
        List<ComponentInfo> components = new ArrayList<>();
        List<SubscriptionInfo> subscriptions = new ArrayList<>();
        for (MetadataContributor contributor : contributors) {
            try {
                subscriptions.addAll(contributor.subscriptions());
                components.addAll(contributor.components());
            } catch (RuntimeException e) {
                // one broken building block must not hide the others
                LOG.log(Level.WARNING, "metadata of " + contributor.getClass().getName() + " failed", e);
            }
        }
        components.sort(Comparator.comparing(ComponentInfo::type).thenComparing(ComponentInfo::name));
        return new MetadataSnapshot(components, subscriptions);
    }
}
