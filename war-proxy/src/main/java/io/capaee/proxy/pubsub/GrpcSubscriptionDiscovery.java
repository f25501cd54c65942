// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import com.google.protobuf.Empty;
import io.dapr.v1.AppCallbackGrpc;
import io.dapr.v1.DaprAppCallbackProtos.TopicSubscription;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Asks a gRPC app for its subscriptions ({@code AppCallback.ListTopicSubscriptions}), as {@link SubscriptionDiscovery}
 * asks an HTTP app's {@code /dapr/subscribe}. The route is the subscription's default route (else its first rule's path,
 * else {@code /}), handed back to the app as the event's {@code path}; content-based rules are not evaluated.
 */
final class GrpcSubscriptionDiscovery {
    private static final Logger LOG = Logger.getLogger(GrpcSubscriptionDiscovery.class.getName());

    private GrpcSubscriptionDiscovery() {}

    /** The app's subscriptions; null when the app cannot be asked (not up), empty when it implements no listing. */
    static List<Subscription> ask(AppCallbackGrpc.AppCallbackBlockingStub app) {
        List<TopicSubscription> listed;
        try {
            listed = app.withDeadlineAfter(5, TimeUnit.SECONDS).listTopicSubscriptions(Empty.getDefaultInstance()).getSubscriptionsList();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                return List.of();
            }
            LOG.log(Level.FINE, "the app's ListTopicSubscriptions failed: {0}", e.getStatus());
            return null;
        }
        List<Subscription> result = new ArrayList<>();
        for (TopicSubscription t : listed) {
            if (t.getPubsubName().isEmpty() || t.getTopic().isEmpty()) {
                LOG.log(Level.WARNING, "ignoring a subscription without pubsub name or topic: {0}", t);
                continue;
            }
            String route = !t.getRoutes().getDefault().isEmpty() ? t.getRoutes().getDefault()
                    : t.getRoutes().getRulesCount() > 0 ? t.getRoutes().getRules(0).getPath() : "/";
            boolean raw = "true".equalsIgnoreCase(t.getMetadataMap().getOrDefault("rawPayload", "false"));
            int concurrency;
            try {
                concurrency = Subscription.concurrency(t.getMetadataMap().get(Subscription.CONCURRENCY_METADATA));
            } catch (IllegalArgumentException e) {
                LOG.log(Level.WARNING, "ignoring subscription to {0}: {1}", new Object[] {t.getTopic(), e.getMessage()});
                continue;
            }
            result.add(new Subscription(t.getPubsubName(), t.getTopic(), route, t.getDeadLetterTopic(), raw, "PROGRAMMATIC",
                    concurrency));
        }
        return result;
    }
}
