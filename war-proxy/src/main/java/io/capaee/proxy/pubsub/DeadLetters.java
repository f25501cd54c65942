// SPDX-License-Identifier: Apache-2.0
package io.capaee.proxy.pubsub;

import io.capaee.api.pubsub.DeliveryHandler.Outcome;
import io.capaee.api.pubsub.PubSubConnection;
import io.capaee.api.pubsub.PubSubConnectionFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What becomes of a message a subscription could not deliver, over HTTP or gRPC alike: it goes to the dead-letter
 * topic; without one, a dropped message is gone and one out of attempts goes back to the broker.
 */
final class DeadLetters {
    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());

    private DeadLetters() {}

    /** @return true when the broker may forget the message ({@link io.capaee.api.pubsub.DeliveryHandler#undelivered}) */
    static boolean undelivered(Subscription subscription, PubSubConnectionFactory broker, byte[] message, Outcome last, int attempts) {
        String topic = subscription.deadLetterTopic();
        String why = last == Outcome.DROP ? "dropped by the app" : "not delivered after " + attempts + " attempts";
        if (topic == null) {
            if (last != Outcome.DROP) {
                LOG.log(Level.WARNING, "{0}: {1}; the broker will deliver it again", new Object[] {subscription.key(), why});
            }
            return last == Outcome.DROP;
        }
        try (PubSubConnection connection = broker.getConnection()) {
            connection.publish(topic, message);
            LOG.log(Level.INFO, "{0}: a message went to dead-letter topic {1} ({2})", new Object[] {subscription.key(), topic, why});
        }
        return true;
    }
}
