// SPDX-License-Identifier: Apache-2.0
package io.capaee.bindings.input;

import io.capaee.api.inbound.CronListener;
import io.capaee.api.inbound.InboundMessage;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;

/**
 * The cron input binding: every tick of the schedule of the activation spec
 * {@code capa-ee/ejb-bindings/CronInputBinding} is a POST (empty body, headers {@code schedule} and
 * {@code time}) to its {@code target} URL.
 */
@MessageDriven(name = "CronInputBinding")
public class CronInputBinding implements CronListener {
    @Inject
    TargetDelivery delivery;

    @Override
    public void onMessage(InboundMessage message) throws InputBindingException {
        delivery.deliver(message);
    }
}
