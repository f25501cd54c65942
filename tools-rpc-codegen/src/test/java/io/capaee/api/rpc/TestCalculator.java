// SPDX-License-Identifier: Apache-2.0
package io.capaee.api.rpc;

import io.capaee.api.rpc.generated.Answer;
import io.capaee.api.rpc.generated.Calculator;
import io.capaee.api.rpc.generated.Expression;
import io.capaee.api.rpc.generated.Listener;
import io.capaee.api.rpc.generated.Operator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The Calculator the RPC tests serve. */
public class TestCalculator implements Calculator {
    /** Listeners passed to {@link #keep}, to call after their call ended. */
    public final List<Listener> kept = new CopyOnWriteArrayList<>();
    /** What listeners made by {@link #makeListener} heard. */
    public final List<String> heard = new CopyOnWriteArrayList<>();

    @Override
    public Long add(Long a, Long b) {
        return a + b;
    }

    @Override
    public Answer evaluate(Expression e) {
        double v = e.op() == Operator.add ? 0 : 1;
        for (double d : e.operands()) {
            v = e.op() == Operator.add ? v + d : v * d;
        }
        return new Answer(v, (long) e.operands().size());
    }

    @Override
    public DivideResults divide(Long a, Long b) {
        return new DivideResults(a / b, a % b);
    }

    @Override
    public void fail(String message) {
        throw new IllegalStateException(message);
    }

    @Override
    public void slow(Long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Long countdown(Long from, Listener listener) {
        long calls = 0;
        for (long n = from; n > 0; n--) {
            if (Boolean.TRUE.equals(listener.tick(n))) {
                calls++;
            }
        }
        return calls;
    }

    @Override
    public void keep(Listener listener) {
        kept.add(listener);
    }

    @Override
    public Listener makeListener(String label) {
        return n -> {
            heard.add(label + n);
            return true;
        };
    }

    @Override
    public String name() {
        return "calc";
    }
}
