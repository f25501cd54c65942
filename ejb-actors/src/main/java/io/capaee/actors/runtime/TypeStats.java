// SPDX-License-Identifier: Apache-2.0
package io.capaee.actors.runtime;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one actor type, exposed as a JMX MXBean by the EJB. */
public final class TypeStats implements ActorTypeStatsMXBean {
    private final String type;
    final LongAdder activations = new LongAdder();
    final LongAdder deactivations = new LongAdder();
    final LongAdder calls = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder callNanos = new LongAdder();
    private final java.util.function.IntSupplier active;

    TypeStats(String type, java.util.function.IntSupplier active) {
        this.type = type;
        this.active = active;
    }

    @Override
    public String getType() {
        return type;
    }

    @Override
    public int getActive() {
        return active.getAsInt();
    }

    @Override
    public long getActivations() {
        return activations.sum();
    }

    @Override
    public long getDeactivations() {
        return deactivations.sum();
    }

    @Override
    public long getCalls() {
        return calls.sum();
    }

    @Override
    public long getErrors() {
        return errors.sum();
    }

    @Override
    public long getCallMillisTotal() {
        return callNanos.sum() / 1_000_000;
    }

    @Override
    public double getCallMillisMean() {
        long n = calls.sum();
        return n == 0 ? 0 : callNanos.sum() / 1e6 / n;
    }
}
