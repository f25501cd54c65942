// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import io.capaee.actors.schedule.DaprTimes;
import io.capaee.actors.schedule.Schedule;
import io.capaee.actors.store.ActorStore;
import io.capaee.actors.store.StoredReminder;
import io.capaee.actors.store.TurnState;
import io.capaee.api.actors.ActorException;
import io.capaee.api.actors.ActorException.Reason;
import io.capaee.api.actors.ActorId;
import io.capaee.api.actors.ActorNames;
import io.capaee.api.actors.ActorReminder;
import io.capaee.api.actors.ReminderFire;
import io.capaee.api.actors.ReminderPage;
import io.capaee.api.actors.ReminderView;
import io.capaee.api.actors.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.function.Predicate;
import java.util.logging.Logger;

/**
 * Durable reminders: stored in the {@link ActorStore}, armed on the scheduler while the runtime
 * runs (re-armed by {@link #start()}), each firing a turn of its actor that activates it when needed.
 * A firing that could not run (store down, type not hosted yet, no room to activate) is tried again
 * a scan interval later; one whose callback failed is not (Dapr's rule).
 */
final class Reminders {
    private static final Logger LOG = Logger.getLogger(Reminders.class.getName());

    private final ActorSettings settings;
    private final ActorStore store;
    private final Quotas quotas;
    private final TypeRegistry types;
    private final ActiveActors active;
    private final Firings firings;
    private final Predicate<ActorId> owned;
    private final Predicate<ActorId> held;
    private final Map<Key, Scheduler.Scheduled> armed = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /** One armed reminder. */
    private record Key(ActorId actor, String name) {}

    /**
     * @param owned whether this server owns an actor now: only then does its reminder fire here
     * @param held whether it still holds the actor's partition while it may not act on it (a late renewal):
     *     a reminder due then is tried again a scan interval later
     */
    Reminders(ActorSettings settings, ActorStore store, Quotas quotas, TypeRegistry types, ActiveActors active, Firings firings,
              Predicate<ActorId> owned, Predicate<ActorId> held) {
        this.settings = settings;
        this.owned = owned;
        this.held = held;
        this.store = store;
        this.quotas = quotas;
        this.types = types;
        this.active = active;
        this.firings = firings;
    }

    /**
     * Arms the stored reminders of the actors {@code which} selects (a partition this server gained);
     * one whose due time passed while no server had it fires at once.
     */
    void arm(Predicate<ActorId> which) {
        if (stopped) {
            return;
        }
        Instant now = firings.now();
        for (ActorId actor : store.actorsWithReminders()) {
            if (which.test(actor)) {
                store.reminders(actor).values().forEach(r -> arm(actor, r, now));
            }
        }
    }

    /** Disarms the reminders of the actors {@code which} selects (they stay stored, for their next owner). */
    void disarm(Predicate<ActorId> which) {
        armed.entrySet().removeIf(e -> {
            if (!which.test(e.getKey().actor())) {
                return false;
            }
            e.getValue().cancel();
            return true;
        });
    }

    /** Disarms every reminder (they stay stored); none fires after this. */
    void stop() {
        stopped = true;
        armed.values().forEach(Scheduler.Scheduled::cancel);
        armed.clear();
    }

    /** How many reminders are armed, of every actor (they count against {@code capa.actors.max-timers}). */
    int armedCount() {
        return armed.size();
    }

    /** How many reminders of {@code type}'s actors are armed here. */
    int armedCount(String type) {
        return (int) armed.keySet().stream().filter(k -> k.actor().type().equals(type)).count();
    }

    /** How many reminders each of {@code type}'s actors has armed here, by actor id (those with none left out). */
    Map<String, Integer> armedCounts(String type) {
        Map<String, Integer> counts = new HashMap<>();
        armed.keySet().stream().filter(k -> k.actor().type().equals(type)).forEach(k -> counts.merge(k.actor().id(), 1, Integer::sum));
        return counts;
    }

    /**
     * A page of the reminders of {@code type}'s actors armed here, sorted by actor id and name, as stored (one read
     * per actor of the page); one deleted since it was armed is left out of the page, not of the total.
     */
    ReminderPage page(String type, int offset, int limit) {
        List<Key> keys = armed.keySet().stream().filter(k -> k.actor().type().equals(type))
                .sorted(Comparator.comparing((Key k) -> k.actor().id()).thenComparing(Key::name)).toList();
        int from = Math.min(Math.max(0, offset), keys.size());
        int to = (int) Math.min(keys.size(), (long) from + Math.max(0, limit));
        Map<ActorId, Map<String, StoredReminder>> stored = new HashMap<>();
        List<ActorReminder> page = new ArrayList<>();
        for (Key k : keys.subList(from, to)) {
            StoredReminder r = stored.computeIfAbsent(k.actor(), store::reminders).get(k.name());
            if (r != null) {
                page.add(view(k.actor(), r));
            }
        }
        return new ReminderPage(type, keys.size(), from, page);
    }

    /** Every stored reminder of {@code actor}, by name, armed here or not. */
    List<ActorReminder> of(ActorId actor) {
        types.type(actor.type());
        return store.reminders(actor).values().stream().map(r -> view(actor, r)).toList();
    }

    private static ActorReminder view(ActorId actor, StoredReminder r) {
        return new ActorReminder(actor.id(), r.name(), r.dueTime(), r.period(), r.next(), r.remaining(), r.expiresAt());
    }

    /** How many reminders {@code actor} has stored (they count against {@code capa.actors.max-timers-per-actor}). */
    int count(ActorId actor) {
        return store.reminders(actor).size();
    }

    void create(ActorId actor, String name, ScheduleSpec spec, boolean overwrite) {
        ActorNames.check("reminder name", name);
        types.type(actor.type()).checkReminders();
        Instant now = firings.now();
        Schedule schedule = Schedule.parse(spec, now);
        quotas.checkPeriod("reminder '" + name + "'", schedule.interval());
        String data = spec.data() == null ? null : ActorStore.parse(spec.data()).toString();
        StoredReminder reminder = new StoredReminder(name, blankToEmpty(spec.dueTime()), blankToEmpty(spec.period()), blankToEmpty(spec.ttl()),
                data, schedule.firstDue(), schedule.repetitions(), schedule.expiresAt());
        // fenced: a server that lost the actor meanwhile must not store a reminder that its new owner has not armed
        store.updateReminders(actor, true, reminders -> {
            if (!overwrite && reminders.containsKey(name)) {
                throw new ActorException(Reason.REMINDER_EXISTS, "reminder '" + name + "' of " + actor + " already exists");
            }
            if (!reminders.containsKey(name)) {
                Activation a = active.get(actor);
                quotas.checkTimer(actor, "reminder '" + name + "'", reminders.size() + (a == null ? 0 : a.timerCount()), armed.size());
            }
            reminders.put(name, reminder);
            return null;
        });
        arm(actor, reminder, now);
    }

    /** A reminder of the actor's own code (Java durations; data is JSON or null). */
    void register(ActorId actor, String name, Duration dueTime, Duration period, String data) {
        Schedule.of(dueTime, period, firings.now());
        create(actor, name, new ScheduleSpec(dueTime.toString(), period == null ? "" : period.toString(), "", data, null), true);
    }

    Optional<ReminderView> get(ActorId actor, String name) {
        types.type(actor.type());
        return Optional.ofNullable(store.reminders(actor).get(name)).map(r -> new ReminderView(actor.type(), actor.id(),
                r.dueTime(), r.period(), r.expiresAt() == null ? null : r.expiresAt().toString(), r.data()));
    }

    boolean delete(ActorId actor, String name) {
        types.type(actor.type());
        boolean existed = store.updateReminders(actor, reminders -> reminders.remove(name) != null);
        Scheduler.Scheduled task = armed.remove(new Key(actor, name));
        if (task != null) {
            task.cancel();
        }
        return existed;
    }

    private void arm(ActorId actor, StoredReminder reminder, Instant now) {
        Instant at = reminder.next().isBefore(now) ? now : reminder.next();
        Scheduler.Scheduled previous = armed.put(new Key(actor, reminder.name()),
                firings.schedule(at, () -> fire(actor, reminder.name(), reminder.next())));
        if (previous != null) {
            previous.cancel();
        }
    }

    private void fire(ActorId actor, String name, Instant due) {
        if (stopped) {
            return;
        }
        if (!owned.test(actor)) {
            if (held.test(actor)) {
                rearmLater(actor, name, due);
            } else {
                armed.remove(new Key(actor, name)); // its partition left this server: its new owner armed it
            }
            return;
        }
        StoredReminder r;
        try {
            r = store.reminders(actor).get(name);
        } catch (ActorException e) {
            LOG.warning("reminder '" + name + "' of " + actor + " could not be read; retrying: " + e.getMessage());
            rearmLater(actor, name, due);
            return;
        }
        if (r == null || !r.next().equals(due)) {
            return; // deleted or replaced since it was armed
        }
        HostedType type;
        try {
            type = types.type(actor.type());
        } catch (ActorException e) {
            LOG.warning("reminder '" + name + "' of " + actor + " is due but the type is not hosted (yet); retrying");
            rearmLater(actor, name, due);
            return;
        }
        ReminderFire fire = new ReminderFire(name, r.data(), r.dueTime(), r.period());
        firings.turn(actor, type, a -> CompletableFuture.completedFuture(fireOnce(a, fire, due))).whenComplete((cancel, e) -> {
            if (e != null && Stages.cause(e) instanceof ActorException full && full.reason() == Reason.QUOTA) {
                // it never ran (no room to activate its actor): it is due still, so try again later
                LOG.warning("reminder '" + name + "' of " + actor + " is due but " + full.getMessage() + "; retrying");
                rearmLater(actor, name, due);
                return;
            }
            TypeStats stats = types.stats(actor.type());
            if (stats != null && e == null) {
                stats.reminderFired();
            }
            if (e != null) {
                // Dapr's rule: a failed reminder callback is logged, not retried
                LOG.log(Level.WARNING, "reminder '" + name + "' of " + actor + " failed: " + Stages.cause(e).getMessage());
            }
            advance(actor, name, due, r, Boolean.TRUE.equals(cancel));
        });
    }

    /**
     * Runs the callback unless this very fire (the reminder at {@code due}) already ran and was saved:
     * the fire is recorded in the actor's state, which the turn saves in one write with what the
     * callback changed, and the reminder is advanced only after that. A server that dies between the
     * two writes finds the record at start and only advances the reminder, so each fire changes the
     * state once. Kinds that keep their state elsewhere (remote hosts) get Dapr's at-least-once.
     */
    private static boolean fireOnce(Activation a, ReminderFire fire, Instant due) {
        Optional<TurnState> state = a.site == null ? Optional.empty() : a.site.turnState();
        String mark = due.toString();
        Optional<String> last = state.flatMap(s -> s.lastFire(fire.name()));
        if (last.isPresent() && last.get().startsWith(mark + "|")) {
            LOG.info("reminder '" + fire.name() + "' of " + a.id + " due " + mark + " ran before the server stopped; advancing it");
            return last.get().endsWith("|true");
        }
        boolean cancel = a.instance.reminder(fire);
        state.ifPresent(s -> s.recordFire(fire.name(), mark + "|" + cancel));
        return cancel;
    }

    private void advance(ActorId actor, String name, Instant due, StoredReminder r, boolean cancel) {
        Instant now = firings.now();
        int left = r.remaining() < 0 ? -1 : r.remaining() - 1;
        Instant next = null;
        if (!cancel && !r.period().isEmpty()) {
            Duration interval = quotas.atLeastMinimum(DaprTimes.period(r.period()).interval());
            next = new Schedule(due, interval, left, r.expiresAt()).next(due, left, now);
        }
        Instant nextDue = next;
        StoredReminder updated;
        try {
            // fenced: a server that lost the actor meanwhile must not move the reminder past a fire that its new owner has to run
            updated = store.updateReminders(actor, true, reminders -> {
                StoredReminder current = reminders.get(name);
                if (current == null || !current.next().equals(due)) {
                    return null;
                }
                if (nextDue == null) {
                    reminders.remove(name);
                    return null;
                }
                StoredReminder n = current.withNext(nextDue, left);
                reminders.put(name, n);
                return n;
            });
        } catch (ActorException e) {
            if (e.reason() == Reason.NOT_OWNER) {
                armed.remove(new Key(actor, name));
                return; // the new owner fires it
            }
            // the store still says this fire is due: firing it again later is at-least-once, and a
            // periodic reminder is not lost for the life of the process
            LOG.warning("reminder '" + name + "' of " + actor + " fired but could not be advanced; retrying: " + e.getMessage());
            rearmLater(actor, name, due);
            return;
        }
        if (updated != null) {
            arm(actor, updated, now);
        } else {
            armed.remove(new Key(actor, name));
        }
    }

    private void rearmLater(ActorId actor, String name, Instant due) {
        Scheduler.Scheduled previous = armed.put(new Key(actor, name),
                firings.schedule(firings.now().plus(settings.scanInterval()), () -> fire(actor, name, due)));
        if (previous != null) {
            previous.cancel();
        }
    }

    static String blankToEmpty(String s) {
        return s == null || s.isBlank() ? "" : s.trim();
    }
}
