// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.connect;

import io.capaee.api.connect.ConnectorKind;
import io.capaee.api.connect.ConnectorSpec;
import io.capaee.api.config.Durations;
import io.capaee.api.inbound.DeliveryPolicy;
import java.util.Map;

/**
 * How a connector retries a message its sink refuses, read from the sink's (or an inlet producer's)
 * {@code dead_letter} field: {@code subject} null means no dead letters (retried until the sink takes it, the
 * connector waiting). Dead letters go to the NATS server of the connector's NATS side.
 */
record DeadLetterPolicy(DeliveryPolicy delivery, String subject) {
    private static final DeliveryPolicy UNTIL_ACCEPTED = new DeliveryPolicy(Integer.MAX_VALUE, 100, 5000);

    static DeadLetterPolicy of(ConnectorSpec spec) {
        if (!(spec.output().config().get("dead_letter") instanceof Map<?, ?> deadLetter)) {
            return new DeadLetterPolicy(UNTIL_ACCEPTED, null);
        }
        Object subject = deadLetter.get("subject");
        // the parser applied the defaults and checked the types and that backoff <= max_backoff
        return new DeadLetterPolicy(new DeliveryPolicy(((Number) deadLetter.get("max_attempts")).intValue(),
                Durations.parse(String.valueOf(deadLetter.get("backoff"))).toMillis(),
                Durations.parse(String.valueOf(deadLetter.get("max_backoff"))).toMillis()),
                subject == null ? "dlq.connector." + spec.id() : subject.toString());
    }

    /** Where the dead letters are published: the outlet's consumer or the inlet's producer connection. */
    static DeadLetters open(ConnectorSpec spec, DeadLetterPolicy policy) {
        if (policy.subject() == null) {
            return DeadLetters.NONE;
        }
        return new NatsDeadLetters(spec.kind() == ConnectorKind.OUTLET ? spec.input() : spec.output(), policy.subject(),
                spec.id());
    }
}
