// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.cron;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.EndpointLoop;
import io.capaee.connector.inbound.RetryingDelivery;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Waits on the adapter's timer (no thread sleeps) until the next tick, then delivers an empty
 * message with the metadata {@code schedule} and {@code time}. Ticks that fall while a delivery
 * is still running are skipped, not queued.
 */
final class CronInboundEndpoint extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(CronInboundEndpoint.class.getName());

    private final CronSchedule schedule;
    private final ZoneId zone;
    private final String target;
    private final RetryingDelivery delivery;
    private ZonedDateTime next; // touched by turns only

    CronInboundEndpoint(CronSchedule schedule, ZoneId zone, String target, DeliveryPolicy policy, EndpointInvoker invoker) {
        this.schedule = schedule;
        this.zone = zone;
        this.target = target;
        this.delivery = new RetryingDelivery(invoker, policy, this::stopping);
    }

    @Override
    protected void open() {
        next = schedule.next(ZonedDateTime.now(zone));
        up(); // a clock has nothing to connect to
    }

    @Override
    protected long turn() {
        ZonedDateTime now = ZonedDateTime.now(zone);
        if (now.isBefore(next)) {
            // at most a second: a clock set back or forward is noticed soon
            return Math.min(1000, Math.max(1, Duration.between(now, next).toMillis()));
        }
        InboundMessage tick = new InboundMessage("cron", schedule.toString(), null, new byte[0],
                Map.of("schedule", schedule.toString(), "time", next.toOffsetDateTime().toString()), 1, target);
        RetryingDelivery.Outcome outcome = delivery.deliver(tick);
        if (!outcome.delivered() && outcome.lastFailure() != null) {
            // RetryingDelivery already warned; a tick has no payload to dead-letter
            LOG.log(Level.FINE, "{0}: the tick of {1} failed {2} time(s): {3}",
                    new Object[] {describe(), next, outcome.attempts(), outcome.reason()});
        }
        next = schedule.next(ZonedDateTime.now(zone).isAfter(next) ? ZonedDateTime.now(zone) : next);
        return AGAIN;
    }

    @Override
    protected void close() {
        // nothing was opened
    }

    @Override
    public String describe() {
        return "cron inbound " + schedule;
    }
}
