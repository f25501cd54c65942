// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.examples;

import io.capaee.api.actors.Actor;
import io.capaee.api.actors.ActorContext;
import io.capaee.api.actors.ActorMethod;
import io.capaee.api.actors.ActorState;
import io.capaee.api.actors.ActorType;
import io.capaee.api.actors.ReminderFire;
import io.capaee.api.actors.Remindable;
import java.time.Duration;

/**
 * A counter, and a probe of the runtime's promises: it counts its activations, notices if two
 * calls ever overlap, receives reminders and runs timers, all through its state.
 */
@ActorType("counter")
public class CounterActor implements Actor, Remindable {
    private final ActorContext context;
    private int inside;

    public CounterActor(ActorContext context) {
        this.context = context;
    }

    private ActorState state() {
        return context.state();
    }

    private int read(String key) {
        return state().get(key, Integer.class).orElse(0);
    }

    @Override
    public void onActivate() {
        state().set("activations", read("activations") + 1);
    }

    @Override
    public void onDeactivate() {
        state().set("deactivations", read("deactivations") + 1);
    }

    /** Adds {@code delta} and returns the new count. */
    public int add(int delta) {
        int count = read("count") + delta;
        state().set("count", count);
        return count;
    }

    public int get() {
        return read("count");
    }

    /**
     * One turn that would show interleaving: it marks itself inside, reads the count, yields and
     * writes it back; an overlapping turn would see the mark or lose an increment.
     */
    @ActorMethod("turn")
    public int exclusiveTurn() {
        if (++inside != 1) {
            state().set("overlaps", read("overlaps") + 1);
        }
        try {
            int count = read("count");
            Thread.yield();
            state().set("count", count + 1);
            return count + 1;
        } finally {
            inside--;
        }
    }

    /**
     * Sleeps {@code millis} inside its turn and counts the calls; a call that finds another one inside
     * counts an overlap (the turn-based promise says there are none).
     */
    @ActorMethod("sleepAlone")
    public int sleepAlone(long millis) throws InterruptedException {
        if (++inside != 1) {
            state().set("overlaps", read("overlaps") + 1);
        }
        try {
            Thread.sleep(millis);
            int alone = read("alone") + 1;
            state().set("alone", alone);
            return alone;
        } finally {
            inside--;
        }
    }

    /** Changes the count, then throws: the change must be discarded. */
    public void fail(String message) {
        state().set("count", -1_000_000);
        throw new IllegalStateException(message);
    }

    public void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    /** Starts a Java timer that adds 1 to {@code ticks} every {@code millis}. */
    public void startTicking(long millis) {
        context.registerTimer("tick", Duration.ofMillis(millis), Duration.ofMillis(millis), this::tick);
    }

    public boolean stopTicking() {
        return context.unregisterTimer("tick");
    }

    private void tick() {
        state().set("ticks", read("ticks") + 1);
    }

    /** A callback for timers created through Dapr's API: counts and keeps the last data. */
    public void onTimer(Object data) {
        state().set("timerFires", read("timerFires") + 1);
        if (data != null) {
            state().set("timerData", data);
        }
    }

    @Override
    public void receiveReminder(ReminderFire reminder) {
        state().set("reminded." + reminder.name(), read("reminded." + reminder.name()) + 1);
        if (reminder.data() != null) {
            state().set("reminderData", reminder.data());
        }
    }
}
