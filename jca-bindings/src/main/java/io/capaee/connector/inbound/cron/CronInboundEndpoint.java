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
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Waits on the adapter's timer (no thread sleeps) until the next tick, then delivers an empty
 * message with the metadata {@code schedule} and {@code time}, with retries (also waited out on
 * the timer). Ticks that fall while a delivery or its retries are still going on are skipped, not
 * queued; a tick that is not delivered has nothing to dead-letter.
 *
 * <p>In a group of servers ({@link TickClaims#shared()}) each tick is claimed before it is delivered,
 * and only its claimant delivers it; the others watch the ticks they lost until they are done, and take
 * over one whose claimant's lease lapsed (it died). A tick watched for half the time its done mark is
 * kept is given up. A server that delivered a tick skips the ticks that fell meanwhile, as when alone; a
 * server that lost a tick goes on with the next one, so that a tick is skipped only when every server of
 * the group was busy delivering when it fell.
 */
final class CronInboundEndpoint extends EndpointLoop {
    private static final Logger LOG = Logger.getLogger(CronInboundEndpoint.class.getName());
    private static final int MAX_WATCHED = 1000;

    /** A tick to deliver: due at {@code due}; {@code scheduled} unless taken over from another server. */
    private record Tick(ZonedDateTime due, boolean scheduled) {}

    private final CronSchedule schedule;
    private final ZoneId zone;
    private final String target;
    private final Supplier<TickClaims> claimsFactory;
    private final Duration watchFor;
    private final DeliveryLine<Taken<Tick>> line;
    private final Deque<ZonedDateTime> watched = new ArrayDeque<>(); // claimed elsewhere, not yet done; turns only
    private TickClaims claims = TickClaims.ALONE; // touched by turns only
    private ZonedDateTime next; // touched by turns only

    CronInboundEndpoint(CronSettings settings, String target, DeliveryPolicy policy, EndpointInvoker invoker) {
        this(settings, target, policy, invoker, () -> TickClaims.ALONE, Duration.ZERO);
    }

    /** With claims made by {@code claimsFactory} on every open; ticks others claimed are watched for {@code watchFor}. */
    CronInboundEndpoint(CronSettings settings, String target, DeliveryPolicy policy, EndpointInvoker invoker,
            Supplier<TickClaims> claimsFactory, Duration watchFor) {
        this.schedule = settings.schedule();
        this.zone = settings.zone();
        this.target = target;
        this.claimsFactory = claimsFactory;
        this.watchFor = watchFor;
        this.line = DeliveryLine.toEndpoint(invoker, policy, this::settle,
                (ticks, first) -> ticks.forEach(tick -> claims.release(tick.original().due())));
    }

    @Override
    protected void open() {
        claims = claimsFactory.get();
        next = following(ZonedDateTime.now(zone));
        up(); // a clock has nothing to connect to
    }

    @Override
    protected long turn() {
        if (line.isEmpty()) {
            ZonedDateTime now = ZonedDateTime.now(zone);
            if (!now.isBefore(next)) {
                if (!claims.claim(next)) {
                    watch(next);
                    // the tick after the lost one, not after now: a server whose turn came late still fires the
                    // ticks no other server took (unless they are older than it watches ticks for)
                    next = following(next.plus(watchFor).isBefore(now) ? now : next);
                    return AGAIN;
                }
                line.add(tick(new Tick(next, true)));
            } else {
                ZonedDateTime orphan = takeOver(now);
                if (orphan == null) {
                    // at most a second: a clock set back or forward is noticed soon, and so is a watched tick's fate
                    return Math.min(1000, Math.max(1, Duration.between(now, next).toMillis()));
                }
                line.add(tick(new Tick(orphan, false)));
            }
        } else {
            claims.keep(line.messages().get(0).original().due()); // retries of a claimed tick still go on
        }
        long wait = line.deliver(this::stopping);
        return wait > 0 ? wait : AGAIN;
    }

    private Taken<Tick> tick(Tick tick) {
        return new Taken<>(tick, new InboundMessage("cron", schedule.toString(), null, new byte[0],
                Map.of("schedule", schedule.toString(), "time", tick.due().toOffsetDateTime().toString()), 1, target));
    }

    /** The next due time after {@code after}; the same on every server of a group. */
    private ZonedDateTime following(ZonedDateTime after) {
        return claims.shared() ? schedule.nextAligned(after) : schedule.next(after);
    }

    private void watch(ZonedDateTime due) {
        if (watched.size() == MAX_WATCHED) {
            watched.removeFirst();
        }
        watched.addLast(due);
    }

    /** A watched tick whose claimant's lease lapsed, now claimed by this server; null when there is none. */
    private ZonedDateTime takeOver(ZonedDateTime now) {
        for (Iterator<ZonedDateTime> it = watched.iterator(); it.hasNext();) {
            ZonedDateTime due = it.next();
            if (due.plus(watchFor).isBefore(now)) {
                it.remove();
                continue;
            }
            TickClaims.State state = claims.state(due);
            if (state == TickClaims.State.DONE) {
                it.remove();
            } else if (state == TickClaims.State.FREE) {
                it.remove();
                if (claims.claim(due)) {
                    LOG.log(Level.INFO, "{0}: taking over the tick of {1}, whose claimant stopped renewing it",
                            new Object[] {describe(), due});
                    return due;
                }
            }
        }
        return null;
    }

    private boolean settle(Taken<Tick> tick, DeliveryOutcome outcome) {
        if (outcome.failed()) {
            // the line already warned; a tick has no payload to dead-letter
            LOG.log(Level.FINE, "{0}: the tick of {1} failed {2} time(s): {3}",
                    new Object[] {describe(), tick.original().due(), outcome.attempts(), outcome.reason()});
        }
        claims.done(tick.original().due());
        if (tick.original().scheduled()) {
            ZonedDateTime now = ZonedDateTime.now(zone);
            next = following(now.isAfter(next) ? now : next);
        }
        return true;
    }

    @Override
    protected void close() {
        // a tick not delivered when the endpoint stops is released to the group, or skipped when alone
        line.handBack();
        claims.close();
        claims = TickClaims.ALONE;
    }

    @Override
    public String describe() {
        return "cron inbound " + schedule;
    }
}
