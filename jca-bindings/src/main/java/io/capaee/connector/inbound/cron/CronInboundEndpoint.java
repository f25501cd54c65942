// SPDX-License-Identifier: Apache-2.0
package io.capaee.connector.inbound.cron;

import io.capaee.api.inbound.InboundMessage;
import io.capaee.api.inbound.DeliveryPolicy;
import io.capaee.api.config.CronSchedule;
import io.capaee.connector.cron.CronSettings;
import io.capaee.connector.inbound.DeliveryLine;
import io.capaee.connector.inbound.DeliveryLine.Taken;
import io.capaee.connector.inbound.DeliveryOutcome;
import io.capaee.connector.inbound.EndpointInvoker;
import io.capaee.connector.inbound.EndpointLoop;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Waits on the adapter's timer (no thread sleeps) until the next tick, then delivers an empty
 * message with the metadata {@code schedule} and {@code time}, with retries (also waited out on
 * the timer). Ticks that fall while a delivery or its retries are still going on are skipped, not
 * queued; a tick that is not delivered has nothing to dead-letter.
 */
final class CronInboundEndpoint extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(CronInboundEndpoint.class.getName());

    private final CronSchedule schedule;
    private final ZoneId zone;
    private final String target;
    private final DeliveryLine<Taken<ZonedDateTime>> line;
    private ZonedDateTime next; // touched by turns only

    CronInboundEndpoint(CronSettings settings, String target, DeliveryPolicy policy, EndpointInvoker invoker) {
        this.schedule = settings.schedule();
        this.zone = settings.zone();
        this.target = target;
        this.line = DeliveryLine.toEndpoint(invoker, policy, this::settle, (ticks, first) -> { });
    }

    @Override
    protected void open() {
        next = schedule.next(ZonedDateTime.now(zone));
        up(); // a clock has nothing to connect to
    }

    @Override
    protected long turn() {
        if (line.isEmpty()) {
            ZonedDateTime now = ZonedDateTime.now(zone);
            if (now.isBefore(next)) {
                // at most a second: a clock set back or forward is noticed soon
                return Math.min(1000, Math.max(1, Duration.between(now, next).toMillis()));
            }
            line.add(new Taken<>(next, new InboundMessage("cron", schedule.toString(), null, new byte[0],
                    Map.of("schedule", schedule.toString(), "time", next.toOffsetDateTime().toString()), 1, target)));
        }
        long wait = line.deliver(this::stopping);
        if (wait > 0) {
            return wait;
        }
        next = schedule.next(ZonedDateTime.now(zone).isAfter(next) ? ZonedDateTime.now(zone) : next);
        return AGAIN;
    }

    private boolean settle(Taken<ZonedDateTime> tick, DeliveryOutcome outcome) {
        if (outcome.failed()) {
            // the line already warned; a tick has no payload to dead-letter
            LOG.log(Level.FINE, "{0}: the tick of {1} failed {2} time(s): {3}",
                    new Object[] {describe(), tick.original(), outcome.attempts(), outcome.reason()});
        }
        return true;
    }

    @Override
    protected void close() {
        line.handBack(); // a tick not delivered when the endpoint stops is skipped, as one that fell during a delivery
    }

    @Override
    public String describe() {
        return "cron inbound " + schedule;
    }
}
